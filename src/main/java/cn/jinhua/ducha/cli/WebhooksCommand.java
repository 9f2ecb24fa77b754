package cn.jinhua.ducha.cli;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import cn.jinhua.ducha.alerting.Webhooks;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ducha webhooks}: endpoints that receive alerts, and their delivery history. */
@Command(name = "webhooks", mixinStandardHelpOptions = true,
        description = "推送地址 / webhook endpoints: add, list, test-send, deliver, deliveries, requeue.",
        subcommands = {WebhooksCommand.Add.class, WebhooksCommand.ListEndpoints.class, WebhooksCommand.TestSend.class,
                WebhooksCommand.Deliver.class, WebhooksCommand.Deliveries.class, WebhooksCommand.Requeue.class})
final class WebhooksCommand {

    @ParentCommand
    Ducha ducha;

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "添加推送地址 / adds an endpoint; prints its "
            + "signing secret once.")
    static final class Add implements Callable<Integer> {

        @ParentCommand
        WebhooksCommand webhooks;

        @Option(names = "--name", required = true, description = "名称 / a name")
        String name;

        @Option(names = "--url", required = true, description = "接收地址 / the receiver's URL")
        String url;

        @Option(names = "--format", defaultValue = "STANDARD",
                description = "消息格式 / STANDARD (Standard Webhooks JSON), DINGTALK or WECOM (robot markdown)")
        Webhooks.Format format;

        @Option(names = "--level", split = ",", description = "只推送这些级别 / only these levels: RED, YELLOW, DATA, FORECAST (提前预警)")
        Set<String> levels = new LinkedHashSet<>();

        @Option(names = "--unit", split = ",", description = "只推送这些单位 / only these units")
        Set<String> units = new LinkedHashSet<>();

        @Option(names = "--task", split = ",", description = "只推送这些任务 / only these task numbers")
        Set<Integer> tasks = new LinkedHashSet<>();

        @Override
        public Integer call() {
            Ducha ducha = webhooks.ducha;
            try (Store store = ducha.openStore()) {
                Webhooks.Endpoint e = ducha.webhooks(store).add(name, url, format, levels, units, tasks, ducha.actor());
                ducha.out.printf("已添加推送地址 %d / added webhook %d: %s → %s (%s)%n签名密钥 signing secret: %s%n",
                        e.id(), e.id(), e.name(), e.url(), e.format(), e.secret());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "列出推送地址 / lists the endpoints.")
    static final class ListEndpoints implements Callable<Integer> {

        @ParentCommand
        WebhooksCommand webhooks;

        @Override
        public Integer call() {
            Ducha ducha = webhooks.ducha;
            try (Store store = ducha.openStore()) {
                for (Webhooks.Endpoint e : ducha.webhooks(store).list()) {
                    ducha.out.printf("#%d %s → %s (%s) · 级别 levels %s · 单位 units %s · 任务 tasks %s%n", e.id(),
                            e.name(), e.url(), e.format(), all(e.levels()), all(e.units()), all(e.tasks()));
                }
            }
            return 0;
        }

        private static String all(Set<?> values) {
            return values.isEmpty() ? "全部 all" : values.toString();
        }
    }

    @Command(name = "test-send", mixinStandardHelpOptions = true, description = "发送测试消息 / sends a test message.")
    static final class TestSend implements Callable<Integer> {

        @ParentCommand
        WebhooksCommand webhooks;

        @Parameters(paramLabel = "ID", description = "推送地址编号 / the endpoint's id")
        long id;

        @Override
        public Integer call() {
            Ducha ducha = webhooks.ducha;
            try (Store store = ducha.openStore()) {
                Webhooks hooks = ducha.webhooks(store);
                String delivery = hooks.enqueueTest(id, ducha.actor());
                List<Webhooks.Delivery> sent = hooks.deliver(store.now(), client());
                Webhooks.Delivery d = sent.stream().filter(x -> x.id().equals(delivery)).findFirst().orElseThrow();
                ducha.out.printf("测试消息 %s：%s / test message %s: %s%n", d.id(), d.delivered() ? "已送达" : "未送达，将重试",
                        d.id(), d.lastStatus() != null ? "HTTP " + d.lastStatus() : d.lastError());
                return d.delivered() ? 0 : Ducha.FAILED;
            }
        }
    }

    @Command(name = "deliver", mixinStandardHelpOptions = true,
            description = "发送到期的推送 / sends every delivery that is due now.")
    static final class Deliver implements Callable<Integer> {

        @ParentCommand
        WebhooksCommand webhooks;

        @Override
        public Integer call() {
            Ducha ducha = webhooks.ducha;
            try (Store store = ducha.openStore()) {
                for (Webhooks.Delivery d : ducha.webhooks(store).deliver(store.now(), client())) {
                    ducha.out.printf("%s 第 %d 次 attempt %d: %s%n", d.id(), d.attempts(), d.attempts(),
                            d.delivered() ? "已送达 delivered" : "失败 failed ("
                                    + (d.lastStatus() != null ? "HTTP " + d.lastStatus() : d.lastError()) + ")");
                }
            }
            return 0;
        }
    }

    @Command(name = "deliveries", mixinStandardHelpOptions = true, description = "推送记录 / the delivery history; a delivery that failed "
            + Webhooks.MAX_ATTEMPTS + " attempts is a dead letter (已放弃), tried no more.")
    static final class Deliveries implements Callable<Integer> {

        @ParentCommand
        WebhooksCommand webhooks;

        @Override
        public Integer call() {
            Ducha ducha = webhooks.ducha;
            try (Store store = ducha.openStore()) {
                for (Webhooks.Delivery d : ducha.webhooks(store).deliveries()) {
                    ducha.out.printf("%s → #%d %-16s %s · 尝试 %d 次 attempts · %s%n", d.id(), d.webhook(), d.type(),
                            d.createdAt(), d.attempts(), d.delivered() ? "已送达 delivered"
                                    : d.attempts() == 0 ? "待发送 pending"
                                    : (d.dead() ? "已放弃 dead letter (" : "重试中 retrying (")
                                    + (d.lastStatus() != null ? "HTTP " + d.lastStatus() : d.lastError()) + ")");
                }
            }
            return 0;
        }
    }

    @Command(name = "requeue", mixinStandardHelpOptions = true,
            description = "重发已放弃的推送 / sends dead letters again: a new round of " + Webhooks.MAX_ATTEMPTS
                    + " attempts, due now, same id and body; who asked is kept in the audit chain.")
    static final class Requeue implements Callable<Integer> {

        @ParentCommand
        WebhooksCommand webhooks;

        @Parameters(paramLabel = "DELIVERY_ID", arity = "0..*",
                description = "已放弃的推送(见 deliveries) / dead letters, by id (see deliveries)")
        List<String> ids = List.of();

        @Option(names = "--all-dead", description = "全部已放弃的推送 / every dead letter")
        boolean allDead;

        @Override
        public Integer call() {
            Ducha ducha = webhooks.ducha;
            if (ids.isEmpty() == !allDead) {
                throw new IllegalArgumentException("须给出推送编号或 --all-dead(二者取一) / name the dead letters or give "
                        + "--all-dead, one or the other");
            }
            try (Store store = ducha.openStore()) {
                Webhooks hooks = ducha.webhooks(store);
                List<Webhooks.Delivery> requeued = new ArrayList<>();
                if (allDead) {
                    requeued.addAll(hooks.requeueAllDead(ducha.actor()));
                    requeued.forEach(d -> said(ducha, d));
                } else {
                    // one by one, each said as it is done: a refusal further on leaves these queued
                    for (String id : ids) {
                        requeued.add(hooks.requeue(id, ducha.actor()));
                        said(ducha, requeued.get(requeued.size() - 1));
                    }
                }
                ducha.out.printf("重发 %d 份 / %d queued again%n", requeued.size(), requeued.size());
            }
            return 0;
        }

        private static void said(Ducha ducha, Webhooks.Delivery d) {
            ducha.out.printf("%s → #%d 已重新排队，此前尝试 %d 次 / queued again after %d attempts%n", d.id(),
                    d.webhook(), d.attempts(), d.attempts());
        }
    }
}
