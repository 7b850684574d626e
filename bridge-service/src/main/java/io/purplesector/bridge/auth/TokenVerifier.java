package io.purplesector.bridge.auth;

import io.purplesector.bridge.BridgeProperties;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks a token's signature, expiry and not-before (Spring Security's JOSE support does the
 * checking) and returns its subject, the user id.
 */
@Component
public class TokenVerifier {

    private final ReactiveJwtDecoder decoder;

    TokenVerifier(BridgeProperties properties) {
        this.decoder = decoder(properties.auth());
    }

    private static ReactiveJwtDecoder decoder(BridgeProperties.Auth auth) {
        if (auth.hmacSecret() != null && !auth.hmacSecret().isBlank()) {
            return NimbusReactiveJwtDecoder.withSecretKey(
                    new SecretKeySpec(auth.hmacSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        }
        if (auth.jwksUri() != null && !auth.jwksUri().isBlank()) {
            return NimbusReactiveJwtDecoder.withJwkSetUri(auth.jwksUri()).build();
        }
        return token -> Mono.error(new JwtException("authentication is off: no key to check tokens with"));
    }

    /**
     * The token's subject, or an error naming what is wrong with the token.
     */
    public Mono<String> subject(String token) {
        return decoder.decode(token).flatMap(jwt -> subjectOf(jwt));
    }

    private static Mono<String> subjectOf(Jwt jwt) {
        String subject = jwt.getSubject();
        return subject == null || subject.isBlank()
                ? Mono.error(new JwtException("the token has no subject"))
                : Mono.just(subject);
    }
}
