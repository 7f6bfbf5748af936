package vn.bluezone.upload.support;

import java.util.Map;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/** CSV files officials upload: a header line naming the columns, in any order; a leading byte-order mark is ignored. */
public final class CsvUploads {

    private static final CsvMapper CSV = CsvMapper.builder().build();

    private CsvUploads() {
    }

    /** The data lines as column → value; throws Jackson's exception for text that is not such CSV. */
    public static MappingIterator<Map<String, String>> rows(String csv) {
        return CSV.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader().withColumnReordering(true))
                .readValues(csv.startsWith("\uFEFF") ? csv.substring(1) : csv);
    }
}
