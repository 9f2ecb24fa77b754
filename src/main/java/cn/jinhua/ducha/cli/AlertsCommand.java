package cn.jinhua.ducha.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import cn.jinhua.ducha.alerting.AlertEvent;
import cn.jinhua.ducha.alerting.AlertState;
import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.TrackedAlert;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code ducha alerts}: the tracked alerts (督办), and acknowledging and closing them. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "预警督办 / the alerts followed up until closed; ack and close them.",
        subcommands = {AlertsCommand.Ack.class, AlertsCommand.Close.class, AlertsCommand.Escalate.class})
final class AlertsCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Option(names = "--state", paramLabel = "STATE", split = ",",
            description = "状态 / OPEN, ACKNOWLEDGED, ESCALATED, RESOLVED, CLOSED (default: all)")
    List<AlertState> states;

    @Option(names = "--unit", paramLabel = "UNIT", description = "单位 / only this unit's alerts")
    String unit;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() {
        try (Store store = ducha.openStore()) {
            List<TrackedAlert> alerts = ducha.supervision(store).list(a ->
                    (states == null || states.contains(a.state())) && (unit == null || unit.equals(a.unit())));
            if (output.json()) {
                ArrayNode list = JsonReport.JSON.createArrayNode();
                alerts.forEach(a -> json(a, list.addObject()));
                ducha.out.println(JsonReport.JSON.writeValueAsString(list));
                return 0;
            }
            ducha.out.printf("预警 alerts (%d)%n", alerts.size());
            for (TrackedAlert a : alerts) {
                print(ducha, a);
            }
        }
        return 0;
    }

    static void print(Ducha ducha, TrackedAlert a) {
        ducha.out.printf("#%d %s %s %s · %s %s · 责任单位 %s · 整改期限 %s%n    %s%n", a.id(), a.unit(),
                a.commitment() == null ? "-" : a.commitment(), a.level(), a.state().label(), a.state(),
                String.join("、", a.responsible()),
                a.deadline() == null ? "—" : LocalDate.ofInstant(a.deadline(), Supervision.ZONE), a.message());
    }

    static void json(TrackedAlert a, ObjectNode node) {
        node.put("id", a.id());
        node.put("unit", a.unit());
        node.put("commitment", a.commitment());
        node.put("level", a.level());
        node.put("state", a.state().name());
        node.put("message", a.message());
        node.put("messageEn", a.message(java.util.Locale.ENGLISH));
        a.responsible().forEach(node.putArray("responsible")::add);
        node.put("deadline", a.deadline() == null ? null : a.deadline().toString());
        node.put("openedAt", a.openedAt().toString());
        ArrayNode history = node.putArray("history");
        for (AlertEvent e : a.history()) {
            ObjectNode h = history.addObject();
            h.put("event", e.event());
            h.put("state", e.state().name());
            h.put("at", e.at().toString());
            h.put("by", e.actor());
            h.put("note", e.note());
            h.put("run", e.run());
            h.put("period", e.period());
            h.put("deadline", e.deadline() == null ? null : e.deadline().toString());
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "签收预警 / acknowledges an alert.")
    static final class Ack implements Callable<Integer> {

        @ParentCommand
        AlertsCommand alerts;

        @Parameters(paramLabel = "ID", description = "预警编号 / the alert's id")
        long id;

        @Option(names = "--note", required = true, description = "签收说明 / a note")
        String note;

        @Override
        public Integer call() {
            Ducha ducha = alerts.ducha;
            try (Store store = ducha.openStore()) {
                TrackedAlert a = ducha.supervision(store).acknowledge(id, ducha.actor(), Ducha.text("--note", note));
                ducha.out.println("已签收 / acknowledged:");
                print(ducha, a);
            }
            return 0;
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "关闭预警 / closes an alert, with a reason.")
    static final class Close implements Callable<Integer> {

        @ParentCommand
        AlertsCommand alerts;

        @Parameters(paramLabel = "ID", description = "预警编号 / the alert's id")
        long id;

        @Option(names = "--reason", required = true, description = "关闭理由 / the reason")
        String reason;

        @Override
        public Integer call() {
            Ducha ducha = alerts.ducha;
            try (Store store = ducha.openStore()) {
                TrackedAlert a = ducha.supervision(store).close(id, ducha.actor(), Ducha.text("--reason", reason));
                ducha.out.println("已关闭 / closed:");
                print(ducha, a);
            }
            return 0;
        }
    }

    @Command(name = "escalate", mixinStandardHelpOptions = true,
            description = "督办升级 / escalates every alert still open past its rectification deadline (tick does it too).")
    static final class Escalate implements Callable<Integer> {

        @ParentCommand
        AlertsCommand alerts;

        @Override
        public Integer call() {
            Ducha ducha = alerts.ducha;
            try (Store store = ducha.openStore()) {
                List<TrackedAlert> escalated = ducha.supervision(store).escalateOverdue(ducha.actor());
                ducha.out.printf("督办升级 %d 条 / %d escalated%n", escalated.size(), escalated.size());
                escalated.forEach(a -> print(ducha, a));
            }
            return 0;
        }
    }
}
