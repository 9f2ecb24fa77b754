package cn.jinhua.ducha.cli;

import picocli.CommandLine.Option;

/** The {@code --format table|json} option of the commands that list things. */
final class OutputFormat {

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "输出格式 / output: table (default) or json")
    EvaluateCommand.Format format;

    boolean json() {
        return format == EvaluateCommand.Format.json;
    }
}
