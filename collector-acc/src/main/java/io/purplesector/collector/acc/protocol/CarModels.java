package io.purplesector.collector.acc.protocol;

import java.util.Map;

/**
 * The names of ACC's car models by the number broadcasting's entry list gives (carModelType, B.6;
 * ACCSMDOC Appendix 6). A model added after that document is named by its number.
 */
public final class CarModels {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "Porsche 991 GT3 R"), Map.entry(1, "Mercedes-AMG GT3"), Map.entry(2, "Ferrari 488 GT3"),
            Map.entry(3, "Audi R8 LMS"), Map.entry(4, "Lamborghini Huracán GT3"), Map.entry(5, "McLaren 650S GT3"),
            Map.entry(6, "Nissan GT-R Nismo GT3 2018"), Map.entry(7, "BMW M6 GT3"),
            Map.entry(8, "Bentley Continental GT3 2018"), Map.entry(9, "Porsche 991 II GT3 Cup"),
            Map.entry(10, "Nissan GT-R Nismo GT3 2015"), Map.entry(11, "Bentley Continental GT3 2015"),
            Map.entry(12, "Aston Martin V12 Vantage GT3"), Map.entry(13, "Lamborghini Gallardo R-EX"),
            Map.entry(14, "Emil Frey Jaguar G3"), Map.entry(15, "Lexus RC F GT3"),
            Map.entry(16, "Lamborghini Huracán GT3 Evo"), Map.entry(17, "Honda NSX GT3"),
            Map.entry(18, "Lamborghini Huracán ST"), Map.entry(19, "Audi R8 LMS Evo"),
            Map.entry(20, "Aston Martin V8 Vantage GT3"), Map.entry(21, "Honda NSX GT3 Evo"),
            Map.entry(22, "McLaren 720S GT3"), Map.entry(23, "Porsche 991 II GT3 R"),
            Map.entry(24, "Ferrari 488 GT3 Evo"), Map.entry(25, "Mercedes-AMG GT3 Evo"),
            Map.entry(26, "Ferrari 488 Challenge Evo"), Map.entry(27, "BMW M2 CS Racing"),
            Map.entry(28, "Porsche 992 GT3 Cup"), Map.entry(29, "Lamborghini Huracán ST Evo2"),
            Map.entry(30, "BMW M4 GT3"), Map.entry(31, "Audi R8 LMS Evo II"), Map.entry(50, "Alpine A110 GT4"),
            Map.entry(51, "Aston Martin Vantage AMR GT4"), Map.entry(52, "Audi R8 LMS GT4"),
            Map.entry(53, "BMW M4 GT4"), Map.entry(55, "Chevrolet Camaro GT4.R"), Map.entry(56, "Ginetta G55 GT4"),
            Map.entry(57, "KTM X-Bow GT4"), Map.entry(58, "Maserati MC GT4"), Map.entry(59, "McLaren 570S GT4"),
            Map.entry(60, "Mercedes-AMG GT4"), Map.entry(61, "Porsche 718 Cayman GT4"));

    private CarModels() {
    }

    /** The model's name, or "car model N" for a number the table does not know. */
    public static String name(int carModelType) {
        String name = NAMES.get(carModelType);
        return name != null ? name : "car model " + carModelType;
    }
}
