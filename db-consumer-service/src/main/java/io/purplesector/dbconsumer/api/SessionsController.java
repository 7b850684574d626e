package io.purplesector.dbconsumer.api;

import io.purplesector.dbconsumer.api.SessionQueries.FrameRange;
import io.purplesector.dbconsumer.api.SessionQueries.LapView;
import io.purplesector.dbconsumer.api.SessionQueries.SessionView;
import io.purplesector.telemetry.proto.kafka.InvalidUserIdException;
import io.purplesector.telemetry.proto.kafka.Topics;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read-only HTTP API over the stored sessions: a user's sessions, a session's laps, one lap's
 * frames as JSON or CSV ({@code Accept: text/csv}, or {@code .csv} at the end of the path).
 */
@RestController
@RequestMapping("/api/users/{userId}/sessions")
class SessionsController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final SessionQueries queries;
    private final JsonMapper json;

    SessionsController(SessionQueries queries, JsonMapper json) {
        this.queries = queries;
        this.json = json;
    }

    @GetMapping
    List<SessionView> sessions(@PathVariable String userId) {
        return queries.sessions(requireUser(userId));
    }

    @GetMapping("/{sessionId}/laps")
    List<LapView> laps(@PathVariable String userId, @PathVariable String sessionId) {
        return queries.laps(requireUser(userId), sessionId).orElseThrow(() -> notFound("No session " + sessionId + " of user " + userId));
    }

    @GetMapping(path = "/{sessionId}/laps/{lapNumber}/frames", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StreamingResponseBody> framesAsJson(@PathVariable String userId, @PathVariable String sessionId,
            @PathVariable int lapNumber) {
        FrameRange range = range(userId, sessionId, lapNumber);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out -> {
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartArray();
                queries.frames(range, FrameExport.json(generator));
                generator.writeEndArray();
            }
        });
    }

    @GetMapping(path = {"/{sessionId}/laps/{lapNumber}/frames", "/{sessionId}/laps/{lapNumber}/frames.csv"},
            produces = "text/csv")
    ResponseEntity<StreamingResponseBody> framesAsCsv(@PathVariable String userId, @PathVariable String sessionId,
            @PathVariable int lapNumber) {
        FrameRange range = range(userId, sessionId, lapNumber);
        return ResponseEntity.ok().contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"" + sessionId + "-lap" + lapNumber + ".csv\"")
                .body(out -> {
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    try {
                        queries.framesAsCsv(range, writer);
                    } catch (SQLException e) {
                        throw new IOException("The frames could not be read: " + e.getMessage(), e);
                    }
                    writer.flush();
                });
    }

    private FrameRange range(String userId, String sessionId, int lapNumber) {
        return queries.lapFrames(requireUser(userId), sessionId, lapNumber).orElseThrow(() -> notFound(
                "No stored frames for lap " + lapNumber + " of session " + sessionId + " of user " + userId));
    }

    /**
     * A user id the rule of topic names allows (as every user's data has one); anything else is
     * no user and a 400, before any query.
     */
    private static String requireUser(String userId) {
        try {
            return Topics.requireValidUserId(userId);
        } catch (InvalidUserIdException e) {
            // The rule, not the id: a request's own bytes are not echoed back.
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a user id: a user id is 1 to "
                    + Topics.MAX_USER_ID_LENGTH + " ASCII letters, digits, '_' or '-'");
        }
    }

    private static ResponseStatusException notFound(String reason) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, reason);
    }
}
