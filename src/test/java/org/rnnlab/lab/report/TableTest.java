package org.rnnlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void tablesAlignNumbersRightAndLeaveUnmeasuredCsvFieldsEmpty() {
        Table table = new Table(List.of("name", "value"))
                .add(List.of(Table.Cell.text("a, b"), Table.Cell.number(1234.5678)))
                .add(List.of(Table.Cell.text("c"), Table.Cell.number(Double.NaN)));
        List<String> lines = table.render().lines().toList();
        assertEquals("name  value", lines.get(0));
        assertEquals("a, b   1235", lines.get(2));
        assertEquals("c         -", lines.get(3));
        assertEquals("name,value\n\"a, b\",1234.5678\nc,\n", table.toCsv());
    }

    @Test
    void significantDigitsStayShortAndMarkWhatWasNotMeasured() {
        assertEquals("0.0123", NumberFormats.significant(0.012345));
        assertEquals("1.23", NumberFormats.significant(1.2345));
        assertEquals("12346", NumberFormats.significant(12345.6));
        assertEquals("1.23e-05", NumberFormats.significant(1.2345e-5));
        assertEquals("-", NumberFormats.significant(Double.NaN));
        assertEquals("-", NumberFormats.fixed(Double.NaN, 2));
        assertEquals("0.50", NumberFormats.fixed(0.5, 2));
    }
}
