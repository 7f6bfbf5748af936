package vn.bluezone.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command-line options: {@code --name value} pairs with defaults. */
record Options(Map<String, String> values) {

    static Options parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + arg);
            }
            boolean flag = i + 1 == args.size() || args.get(i + 1).startsWith("--");
            values.put(arg.substring(2), flag ? "true" : args.get(++i));
        }
        return new Options(values);
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.get(name));
    }
}
