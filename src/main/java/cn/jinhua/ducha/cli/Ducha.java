package cn.jinhua.ducha.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import cn.jinhua.ducha.alerting.Destinations;
import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.Webhooks;
import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.CatalogueException;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.rulebook.RulebookException;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.StoreException;
import cn.jinhua.ducha.web.ApiProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code ducha}: judges the units' fact sheets against the plan. Exit 0 when every sheet was accepted, 2 when any
 * was rejected (the rest still judged), 1 when nothing could be judged.
 */
@Command(name = "ducha", mixinStandardHelpOptions = true, version = "ducha 0.1.0",
        description = "督查 Ducha: 金华营商环境“一号改革工程”承诺评判 / judges Jinhua's reform commitments.",
        subcommands = {EvaluateCommand.class, ValidateCommand.class, CatalogueCommand.class, SubmitCommand.class,
                RunsCommand.class, AuditCommand.class, ReplayCommand.class, DiffCommand.class, ExplainCommand.class,
                AlertsCommand.class, WaiveCommand.class, WebhooksCommand.class, TickCommand.class,
                SchedulerCommand.class, TemplateCommand.class, ServeCommand.class, RuleCommand.class,
                UsersCommand.class, WhatIfCommand.class, BriefCommand.class, RankCommand.class})
public final class Ducha {

    static final int REJECTED = 2;
    static final int FAILED = 1;

    @Option(names = "--rules", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "规则目录 / the rules directory (default: ./rules, else the rules built into the jar)")
    Path rulesOption;

    private Path rules;

    @Option(names = "--db", paramLabel = "JDBC_URL", scope = ScopeType.INHERIT,
            description = "数据库 / the store's JDBC URL (default: $SPRING_DATASOURCE_URL, else an H2 file under ./data)")
    String db;

    @Option(names = "--db-user", paramLabel = "USER", scope = ScopeType.INHERIT,
            description = "数据库用户 / database user (default: $SPRING_DATASOURCE_USERNAME)")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", scope = ScopeType.INHERIT,
            description = "数据库口令 / database password (default: $SPRING_DATASOURCE_PASSWORD)")
    String dbPassword;

    @Option(names = "--rectification-days", paramLabel = "DAYS", scope = ScopeType.INHERIT, defaultValue = "15",
            description = "红色预警整改期限(天) / days a red alert may stay open before it is escalated (default: 15)")
    int rectificationDays;

    @Option(names = "--allow-private-webhooks", scope = ScopeType.INHERIT,
            defaultValue = "${env:DUCHA_WEBHOOKS_ALLOW_PRIVATE:-false}",
            description = "允许推送到环回、内网与链路本地地址 / let webhooks reach loopback, private and link-local "
                    + "addresses (default: $DUCHA_WEBHOOKS_ALLOW_PRIVATE, else false)")
    boolean allowPrivateWebhooks;

    @Option(names = "--by", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "操作人 / who submits or evaluates, as the audit trail records it (default: the OS user)")
    String by;

    final PrintStream out;
    final PrintStream err;

    Ducha(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs one command line and answers its exit status; output goes to {@code out}, messages to {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Ducha(out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, given) -> {
            err.println(e.getMessage());
            e.getCommandLine().usage(err);
            return FAILED;
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println(e instanceof RulebookException || e instanceof IllegalArgumentException
                    || e instanceof StoreException || e instanceof CatalogueException || e instanceof ApiProblem
                    ? e.getMessage() : e instanceof UncheckedIOException io ? file(io.getCause()) : "ducha: " + e);
            return FAILED;
        });
        return cli.execute(args);
    }

    /** A file that could not be read or written, said in both languages with the path at fault. */
    static String file(IOException e) {
        if (e instanceof FileSystemLoopException loop) {
            return "符号链接指回其上级目录，构成循环 / a symbolic link loops back to a folder above it: " + loop.getFile();
        }
        if (e instanceof NoSuchFileException missing) {
            return "文件或目录不存在 / no such file or folder: " + missing.getFile();
        }
        if (e instanceof AccessDeniedException denied) {
            return "无权访问 / permission denied: " + denied.getFile();
        }
        return "读写文件出错 / a file could not be read or written: " + e.getMessage();
    }

    /**
     * The rules directory: --rules as given; else ./rules where there is one; else the rules the jar was built with,
     * said on stderr so that nobody mistakes them for a folder's.
     */
    synchronized Path rules() {
        if (rules == null) {
            Path local = Path.of("rules");
            if (rulesOption != null || Files.isDirectory(local)) {
                rules = rulesOption != null ? rulesOption : local;
            } else {
                rules = Rulebook.shipped().orElse(local);
                if (!rules.equals(local)) {
                    String hash = Rulebook.hash(rules);
                    System.err.println("此处没有 rules 目录，使用 jar 内置的规则 %s / no rules folder here: using the rules built into the jar, %s"
                            .formatted(hash, hash));
                }
            }
        }
        return rules;
    }

    /** The rules in force, compiled once for this run. */
    Rulebook rulebook() {
        return Rulebook.load(rules());
    }

    /** The rules in force, with their catalogue as read elsewhere meanwhile (null: read it here). */
    Rulebook rulebook(Supplier<Catalogue> readElsewhere) {
        return Rulebook.load(rules(), readElsewhere);
    }

    /** The store named by --db, the Spring property or its environment variable, or the embedded default. */
    Store openStore() {
        String[] settings = storeSettings();
        return Store.open(settings[0], settings[1], settings[2], Clock.systemUTC());
    }

    /** The store's URL, user and password, as {@link #openStore()} takes them; user and password may be null. */
    String[] storeSettings() {
        return new String[] {
            firstOf(db, System.getenv("SPRING_DATASOURCE_URL"), System.getProperty("spring.datasource.url"),
                    Store.DEFAULT_URL),
            firstOf(dbUser, System.getenv("SPRING_DATASOURCE_USERNAME"), null),
            firstOf(dbPassword, System.getenv("SPRING_DATASOURCE_PASSWORD"), null)};
    }

    /** 督办 over the store, with the rectification period given. */
    Supervision supervision(Store store) {
        return new Supervision(store, Duration.ofDays(rectificationDays));
    }

    /** The webhooks over the store, reaching private addresses only when --allow-private-webhooks says so. */
    Webhooks webhooks(Store store) {
        return new Webhooks(store, Destinations.of(allowPrivateWebhooks));
    }

    /** Who acts, for the audit trail. */
    String actor() {
        return by != null ? text("--by", by) : System.getProperty("user.name", "unknown");
    }

    /**
     * A free text given on the command line to be recorded (a note, a reason, who acts), refused as the API and the
     * sheets refuse it: formula-like, or holding control or bidirectional characters.
     *
     * @throws IllegalArgumentException naming the option
     */
    static String text(String option, String value) {
        String error = value == null ? null : SheetReader.textError(option, value);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
        return value;
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** Colours only for a person at a terminal, and never under NO_COLOR. */
    static boolean colour() {
        return System.console() != null && System.getenv("NO_COLOR") == null;
    }
}
