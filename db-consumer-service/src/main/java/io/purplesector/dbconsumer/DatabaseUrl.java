package io.purplesector.dbconsumer;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads {@code DATABASE_URL}, a {@code postgresql://user:password@host:port/database} URL as
 * libpq and most platforms give it, into Spring's datasource settings. Explicit
 * {@code spring.datasource.*} settings (command line, system properties) still win.
 */
public class DatabaseUrl implements EnvironmentPostProcessor {

    static final String VARIABLE = "DATABASE_URL";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty(VARIABLE);
        if (url == null || url.isBlank()) {
            return;
        }
        environment.getPropertySources().addAfter("systemEnvironment",
                new MapPropertySource("databaseUrl", toDatasourceProperties(url)));
    }

    /**
     * The datasource properties a URL stands for.
     *
     * @throws IllegalArgumentException naming the variable and the expected form when it is not such a URL
     */
    static Map<String, Object> toDatasourceProperties(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw invalid("the scheme must be postgresql://");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw invalid("a host and a database name are required");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        String query = uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "";
        properties.put("spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            properties.put("spring.datasource.username", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                properties.put("spring.datasource.password", decode(userInfo.substring(colon + 1)));
            }
        }
        return properties;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException(VARIABLE + " must look like postgresql://user:password@host:5432/database ("
                + why + ")");
    }
}
