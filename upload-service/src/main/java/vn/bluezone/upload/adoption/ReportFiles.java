package vn.bluezone.upload.adoption;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.dataformat.csv.CsvMapper;
import vn.bluezone.protocol.api.Adoption;

/**
 * The adoption report as files: CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the
 * Vietnamese names right) and XLSX (Apache POI), with headers in the caller's language and, for a
 * province officer, the officer's provinces highlighted.
 */
@Component
class ReportFiles {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final CsvMapper CSV = CsvMapper.builder().build();
    private static final List<String> COLUMNS = List.of("code", "name", "population", "registered", "new", "active7",
            "percentPopulation", "smartphones", "percentSmartphones", "rank", "change7", "changePercent", "trend");

    private final MessageSource messages;

    ReportFiles(MessageSource messages) {
        this.messages = messages;
    }

    byte[] csv(Adoption adoption, Locale locale) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(COLUMNS.stream().map(column -> (Object) message("report.column." + column, locale)).toList());
        adoption.provinces().forEach(province -> rows.add(cells(province, locale)));
        rows.add(nationalCells(adoption, locale));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        out.writeBytes(CSV.writeValueAsString(rows).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    byte[] xlsx(Adoption adoption, Locale locale, Set<String> highlighted) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(adoption.date().toString());
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            header.setBorderBottom(BorderStyle.THIN);
            CellStyle highlight = workbook.createCellStyle();
            highlight.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            highlight.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            highlight.setFont(bold);
            sheet.createRow(0).createCell(0).setCellValue(message("report.title", locale, adoption.date()));
            Row names = sheet.createRow(2);
            for (int i = 0; i < COLUMNS.size(); i++) {
                names.createCell(i).setCellValue(message("report.column." + COLUMNS.get(i), locale));
                names.getCell(i).setCellStyle(header);
            }
            int next = 3;
            for (Adoption.Province province : adoption.provinces()) {
                write(sheet.createRow(next++), cells(province, locale),
                        highlighted.contains(province.provinceCode()) ? highlight : null);
            }
            write(sheet.createRow(next), nationalCells(adoption, locale), header);
            sheet.createFreezePane(2, 3);
            for (int i = 0; i < COLUMNS.size(); i++) {
                sheet.setColumnWidth(i, (i == 1 ? 24 : 14) * 256);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the XLSX report", e);
        }
    }

    private List<Object> cells(Adoption.Province p, Locale locale) {
        List<Object> cells = new ArrayList<>(List.of(p.provinceCode(), p.name(), p.population(), p.registered(),
                p.newRegistrations()));
        cells.add(p.active7Days());
        cells.add(p.percentOfPopulation());
        cells.add(p.smartphones());
        cells.add(p.percentOfSmartphones());
        cells.add(p.rank() + "/" + p.provinceCount());
        cells.add(p.registeredChange7Days());
        cells.add(p.percentOfPopulationChange7Days());
        cells.add(message("report.trend." + p.trend(), locale));
        return cells;
    }

    private List<Object> nationalCells(Adoption adoption, Locale locale) {
        Adoption.Totals n = adoption.national();
        List<Object> cells = new ArrayList<>(List.of("", message("report.national", locale), n.population(),
                n.registered(), n.newRegistrations()));
        cells.add(n.active7Days());
        cells.add(n.percentOfPopulation());
        cells.add(n.smartphones());
        cells.add(n.percentOfSmartphones());
        while (cells.size() < COLUMNS.size()) {
            cells.add(null);
        }
        return cells;
    }

    private static void write(Row row, List<Object> cells, CellStyle style) {
        for (int i = 0; i < cells.size(); i++) {
            Object value = cells.get(i);
            var cell = row.createCell(i);
            if (value instanceof Number number) {
                cell.setCellValue(number.doubleValue());
            } else if (value != null) {
                cell.setCellValue(value.toString());
            }
            if (style != null) {
                cell.setCellStyle(style);
            }
        }
    }

    private String message(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}
