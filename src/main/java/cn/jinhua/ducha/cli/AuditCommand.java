package cn.jinhua.ducha.cli;

import java.util.concurrent.Callable;

import cn.jinhua.ducha.store.AuditChain;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code ducha audit verify}: walks the audit chain and recomputes every hash from the stored rows. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "审计 / the audit trail.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand {

    @ParentCommand
    Ducha ducha;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "校验审计链：重算每条记录的哈希 / recomputes every hash of the audit chain; exit 1 if "
                    + "anything was altered or removed.")
    static final class Verify implements Callable<Integer> {

        @ParentCommand
        AuditCommand audit;

        @Override
        public Integer call() {
            Ducha ducha = audit.ducha;
            try (Store store = ducha.openStore()) {
                AuditChain.Verification v = store.verify();
                if (v.intact()) {
                    ducha.out.printf("审计链完好：%d 条记录，末条哈希 %s / audit chain intact: %d entries, head %s%n",
                            v.entries(), v.head(), v.entries(), v.head());
                    return 0;
                }
                ducha.out.println("审计链已损坏 / audit chain broken: " + v.problem());
                return Ducha.FAILED;
            }
        }
    }
}
