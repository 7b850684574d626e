package io.purplesector.collector.acc.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CarModelsTest {

    @Test
    void namesTheModelsOfTheDocumentAndNumbersTheOthers() {
        assertThat(CarModels.name(1)).as("the capture's Black Falcon car (B.8)").isEqualTo("Mercedes-AMG GT3");
        assertThat(CarModels.name(30)).isEqualTo("BMW M4 GT3");
        assertThat(CarModels.name(61)).isEqualTo("Porsche 718 Cayman GT4");
        assertThat(CarModels.name(54)).isEqualTo("car model 54");
        assertThat(CarModels.name(255)).isEqualTo("car model 255");
    }
}
