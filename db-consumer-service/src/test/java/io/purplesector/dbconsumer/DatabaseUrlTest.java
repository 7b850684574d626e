package io.purplesector.dbconsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void aPostgresqlUrlBecomesTheJdbcUrlUserAndPassword() {
        assertThat(DatabaseUrl.toDatasourceProperties("postgresql://telemetry:s%40cret@db.local:5433/purplesector?sslmode=require"))
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db.local:5433/purplesector?sslmode=require")
                .containsEntry("spring.datasource.username", "telemetry")
                .containsEntry("spring.datasource.password", "s@cret");
    }

    @Test
    void userAndPortMayBeLeftOut() {
        assertThat(DatabaseUrl.toDatasourceProperties("postgres://localhost/telemetry"))
                .containsOnlyKeys("spring.datasource.url")
                .containsEntry("spring.datasource.url", "jdbc:postgresql://localhost/telemetry");
    }

    @Test
    void anythingElseIsRefusedNamingTheVariableAndTheExpectedForm() {
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.toDatasourceProperties("mysql://localhost/db"))
                .withMessageContaining("DATABASE_URL must look like postgresql://");
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.toDatasourceProperties("postgresql://localhost"))
                .withMessageContaining("database name");
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.toDatasourceProperties("postgresql://a b/c"))
                .withMessageContaining("DATABASE_URL");
    }
}
