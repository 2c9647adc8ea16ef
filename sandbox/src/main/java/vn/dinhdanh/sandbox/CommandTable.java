package vn.dinhdanh.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command line's options as Markdown (docs/configuration.md), rendered from picocli's model of the commands: the
 * descriptions {@code --help} prints, defaults filled in as {@code --help} fills them. The document then cannot drift
 * from the code: a unit test compares it with this rendering. One table per command that takes options or arguments,
 * in the order they are declared.
 */
public final class CommandTable {

    private CommandTable() {
    }

    /** The tables of {@code root} and its subcommands, {@code name} standing for the root (e.g. {@code ./dinhdanh}). */
    public static String of(String name, CommandLine root) {
        StringBuilder tables = new StringBuilder();
        append(tables, name, root);
        return tables.toString();
    }

    private static void append(StringBuilder tables, String name, CommandLine command) {
        List<ArgSpec> arguments = arguments(command.getCommandSpec());
        if (!arguments.isEmpty()) {
            tables.append(tables.isEmpty() ? "" : "\n").append("`").append(name).append("`\n\n")
                    .append("| Option | Meaning |\n|---|---|\n");
            for (ArgSpec argument : arguments) {
                tables.append("| ").append(names(argument)).append(" | ").append(argument.required() ? "Required. " : "")
                        .append(cell(String.join(" ", argument.renderedDescription()))).append(" |\n");
            }
        }
        for (CommandLine subcommand : new LinkedHashSet<>(command.getSubcommands().values())) {
            append(tables, name + " " + subcommand.getCommandName(), subcommand);
        }
    }

    /**
     * The options of {@code root} and its subcommands that have a default but do not say so in their description
     * ({@code command --option}): neither --help nor the document would show it.
     */
    public static List<String> undescribedDefaults(CommandLine root) {
        List<String> undescribed = new ArrayList<>();
        for (OptionSpec option : root.getCommandSpec().options()) {
            if (option.defaultValue() != null && !String.join(" ", option.description()).contains("default")) {
                undescribed.add(root.getCommandName() + " " + option.longestName());
            }
        }
        for (CommandLine subcommand : new LinkedHashSet<>(root.getSubcommands().values())) {
            undescribed.addAll(undescribedDefaults(subcommand));
        }
        return undescribed;
    }

    /** Positional arguments first, then the options, without --help and --version. */
    private static List<ArgSpec> arguments(CommandSpec spec) {
        List<ArgSpec> arguments = new ArrayList<>(spec.positionalParameters());
        for (OptionSpec option : spec.options()) {
            if (!option.usageHelp() && !option.versionHelp() && !option.hidden()) {
                arguments.add(option);
            }
        }
        arguments.removeIf(ArgSpec::hidden);
        return arguments;
    }

    private static String names(ArgSpec argument) {
        if (argument instanceof OptionSpec option) {
            return "`" + String.join("`, `", option.names()) + "`";
        }
        return "`" + argument.paramLabel() + "`";
    }

    /** Text as a table cell: a bar would end the cell, an angle bracket open an HTML tag. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;");
    }
}
