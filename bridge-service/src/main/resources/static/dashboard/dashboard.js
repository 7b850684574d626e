// Live dashboard: connects to the bridge in JSON mode, keeps the last WINDOW_MS of frames for
// the traces, draws the track map from world x/z, lists laps from LAP_COMPLETED events, and,
// where the game tells of every car (ACC), shows the timing tower and every car on the map.
(() => {
  'use strict';

  const WINDOW_MS = 20000;
  const MAX_POINTS = 4000;
  const params = new URLSearchParams(location.search);
  const $ = (id) => document.getElementById(id);

  let socket = null;
  let sessionId = null;
  let framesThisSecond = 0;
  const series = { t: [], speed: [], throttle: [], brake: [], rpm: [] };
  let trackPoints = [];
  let bounds = null;
  let lastFrame = null;
  let standings = [];

  const chartOptions = (title, lines, range) => ({
    title, width: Math.max(400, $('speed-chart').clientWidth || 600), height: 170,
    scales: { x: { time: true }, y: range ? { range } : {} },
    axes: [{ stroke: '#aaa' }, { stroke: '#aaa' }],
    series: [{}, ...lines.map(([label, stroke]) => ({ label, stroke, width: 1.5 }))],
  });
  const speedChart = new uPlot(chartOptions('Speed (km/h)', [['speed', '#a46cff']]), [[], []], $('speed-chart'));
  const pedalsChart = new uPlot(chartOptions('Throttle / brake', [['throttle', '#6fdc8c'], ['brake', '#ff8389']], [0, 1]),
    [[], [], []], $('pedals-chart'));
  const rpmChart = new uPlot(chartOptions('RPM', [['rpm', '#ffcf5c']]), [[], []], $('rpm-chart'));

  const formatLap = (ms) => {
    if (!ms) return '–';
    const minutes = Math.floor(ms / 60000);
    const seconds = ((ms % 60000) / 1000).toFixed(3).padStart(6, '0');
    return `${minutes}:${seconds}`;
  };
  const gearName = (gear) => (gear < 0 ? 'R' : gear === 0 ? 'N' : String(gear));

  // A connection the bridge or the network ended is opened again by itself, sooner at first and
  // then at most every RECONNECT_MAX_MS, so that a restarted bridge has its viewers back within
  // seconds without a crowd of them knocking at once. Only a close the page asked for (another
  // user chosen) and the bridge's answers to bad input (1003, 1007, 1009: opening again would send
  // the same) end the view for good.
  const RECONNECT_FIRST_MS = 500;
  const RECONNECT_MAX_MS = 5000;
  const FINAL_CLOSE_CODES = [1003, 1007, 1009];
  let reconnectDelay = RECONNECT_FIRST_MS;
  let reconnectTimer = null;

  function connect(userId, token) {
    clearTimeout(reconnectTimer);
    if (socket) {
      socket.onclose = null;
      socket.close();
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = new URLSearchParams({ format: 'json' });
    if (userId) query.set('userId', userId);
    if (token) query.set('access_token', token);
    socket = new WebSocket(`${scheme}://${location.host}/?${query}`);
    socket.onopen = () => {
      reconnectDelay = RECONNECT_FIRST_MS;
      setStatus('connected');
      socket.send(JSON.stringify({ type: 'SUBSCRIBE', subscription: { events: true, standings: true } }));
    };
    socket.onclose = (event) => {
      const why = `${event.code}${event.reason ? ': ' + event.reason : ''}`;
      if (FINAL_CLOSE_CODES.includes(event.code)) {
        setStatus(`disconnected (${why})`);
        return;
      }
      // Jitter spreads the viewers of a restarted bridge over the delay.
      const delay = Math.round(reconnectDelay * (0.5 + Math.random() / 2));
      setStatus(`reconnecting in ${(delay / 1000).toFixed(1)} s (${why})`);
      reconnectTimer = setTimeout(() => connect(userId, token), delay);
      reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
    };
    socket.onmessage = (event) => onMessage(JSON.parse(event.data));
  }

  function setStatus(text) {
    $('status').textContent = text;
    $('status').dataset.state = text.startsWith('connected') ? 'connected' : 'disconnected';
  }

  function onMessage(message) {
    switch (message.type) {
      case 'TELEMETRY': onFrame(message.data || {}); break;
      case 'LAP_COMPLETED': onLap(message.data || {}); break;
      case 'STANDINGS': onStandings(message.data || {}); break;
      case 'SESSION_STARTED': resetSession(message.data.sessionId); break;
      case 'DEMO_COMPLETE': setStatus('connected (demo complete)'); break;
      case 'ERROR': setStatus(`connected (error: ${message.data.message})`); break;
      default: break;
    }
  }

  function resetSession(id) {
    sessionId = id;
    trackPoints = [];
    bounds = null;
    standings = [];
    $('laps').replaceChildren();
    $('tower').querySelector('tbody').replaceChildren();
    $('tower').hidden = true;
    $('session').textContent = id || 'no session';
  }

  function onFrame(frame) {
    if (frame.sessionId !== sessionId) resetSession(frame.sessionId);
    framesThisSecond++;
    lastFrame = frame;
    const t = Number(frame.timestamp || Date.now()) / 1000;
    series.t.push(t);
    series.speed.push(frame.speed || 0);
    series.throttle.push(frame.throttle || 0);
    series.brake.push(frame.brake || 0);
    series.rpm.push(frame.engineRpm || frame.rpm || 0);
    while (series.t.length > 1 && (t - series.t[0]) * 1000 > WINDOW_MS) {
      for (const key of Object.keys(series)) series[key].shift();
    }
    const x = frame.worldX || 0;
    const z = frame.worldZ || 0;
    if (trackPoints.length < MAX_POINTS) {
      trackPoints.push([x, z]);
      extendBounds(x, z);
    }
  }

  function extendBounds(x, z) {
    bounds = bounds
      ? { minX: Math.min(bounds.minX, x), maxX: Math.max(bounds.maxX, x), minZ: Math.min(bounds.minZ, z), maxZ: Math.max(bounds.maxZ, z) }
      : { minX: x, maxX: x, minZ: z, maxZ: z };
  }

  function onStandings(update) {
    if (update.sessionId && update.sessionId !== sessionId) resetSession(update.sessionId);
    standings = update.cars || [];
    standings.forEach((car) => extendBounds(car.worldX || 0, car.worldZ || 0));
    const rows = standings.map((car) => {
      const row = document.createElement('tr');
      if (car.focused) row.classList.add('focused');
      if (car.pitState === 'PIT_LANE' || car.pitState === 'PIT_BOX') row.classList.add('pit');
      const gap = car.position === 1 || !car.gapToLeader ? '' : `+${(car.gapToLeader / 1000).toFixed(1)}`;
      [car.position || '', car.raceNumber || '', car.driver || `car ${car.carIndex || 0}`, car.laps || 0,
        formatLap(car.lastLapTime), formatLap(car.bestLapTime), gap].forEach((value) => {
        const cell = document.createElement('td');
        cell.textContent = String(value);
        row.append(cell);
      });
      return row;
    });
    $('tower').querySelector('tbody').replaceChildren(...rows);
    $('tower').hidden = rows.length === 0;
  }

  function onLap(lap) {
    const item = document.createElement('li');
    item.textContent = `Lap ${lap.lapNumber}: ${formatLap(lap.lapTime)}`;
    if (lap.valid === false) item.className = 'invalid';
    $('laps').append(item);
  }

  function render() {
    if (lastFrame) {
      $('speed').textContent = Math.round(lastFrame.speed || 0);
      $('gear').textContent = gearName(lastFrame.gear || 0);
      $('rpm').textContent = Math.round(lastFrame.engineRpm || lastFrame.rpm || 0);
      $('lap').textContent = lastFrame.lapNumber || '–';
      $('current-lap').textContent = formatLap(lastFrame.lapTime);
      $('last-lap').textContent = formatLap(lastFrame.lastLapTime);
      $('best-lap').textContent = formatLap(lastFrame.bestLapTime);
      speedChart.setData([series.t, series.speed]);
      pedalsChart.setData([series.t, series.throttle, series.brake]);
      rpmChart.setData([series.t, series.rpm]);
    }
    if (lastFrame || standings.length) drawMap();
    requestAnimationFrame(render);
  }

  function drawMap() {
    const canvas = $('track-map');
    const context = canvas.getContext('2d');
    context.clearRect(0, 0, canvas.width, canvas.height);
    canvas.dataset.points = String(trackPoints.length);
    canvas.dataset.cars = String(standings.length);
    if (!bounds) return;
    const margin = 20;
    const scale = Math.min((canvas.width - 2 * margin) / Math.max(1, bounds.maxX - bounds.minX),
      (canvas.height - 2 * margin) / Math.max(1, bounds.maxZ - bounds.minZ));
    // North (z) up on the screen.
    const project = ([x, z]) => [margin + (x - bounds.minX) * scale, canvas.height - margin - (z - bounds.minZ) * scale];
    context.strokeStyle = '#5c4d7a';
    context.lineWidth = 3;
    context.beginPath();
    trackPoints.forEach((point, i) => {
      const [px, py] = project(point);
      if (i === 0) context.moveTo(px, py); else context.lineTo(px, py);
    });
    context.stroke();
    // Every car the game tells of, numbered; the focused one in the accent colour.
    standings.forEach((car) => {
      const [px, py] = project([car.worldX || 0, car.worldZ || 0]);
      context.fillStyle = car.focused ? '#a46cff' : '#cfc6e0';
      context.beginPath();
      context.arc(px, py, car.focused ? 6 : 4, 0, 2 * Math.PI);
      context.fill();
      context.fillText(String(car.raceNumber || car.carIndex || ''), px + 7, py - 7);
    });
    if (trackPoints.length > 0 && !standings.some((car) => car.focused)) {
      const [cx, cy] = project(trackPoints[trackPoints.length - 1]);
      context.fillStyle = '#a46cff';
      context.beginPath();
      context.arc(cx, cy, 6, 0, 2 * Math.PI);
      context.fill();
    }
  }

  setInterval(() => {
    $('rate').textContent = String(framesThisSecond);
    framesThisSecond = 0;
  }, 1000);

  $('connect').addEventListener('submit', (event) => {
    event.preventDefault();
    connect($('user').value.trim(), params.get('access_token'));
  });
  $('demo').addEventListener('click', () => {
    if (!socket || socket.readyState !== WebSocket.OPEN) connect($('user').value.trim(), params.get('access_token'));
    const start = () => socket.send(JSON.stringify({ type: 'START_DEMO' }));
    if (socket.readyState === WebSocket.OPEN) start(); else socket.addEventListener('open', start, { once: true });
  });

  $('user').value = params.get('userId') || '';
  if (params.has('userId')) connect(params.get('userId'), params.get('access_token'));
  requestAnimationFrame(render);
})();
