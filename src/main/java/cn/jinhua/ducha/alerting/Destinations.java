package cn.jinhua.ducha.alerting;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a webhook may point. By default only to public addresses: a URL whose host is, or resolves to, a loopback,
 * link-local (169.254.0.0/16, fe80::/10), private (10/8, 172.16/12, 192.168/16, fc00::/7), unspecified (0.0.0.0/8,
 * ::) or multicast address is refused, so that an endpoint cannot reach the server's own machine, its network or a
 * cloud's metadata service. Every address a name resolves to is checked, when the endpoint is added and again
 * before each attempt (a name may resolve elsewhere later). A deployment whose receivers are on its own network
 * allows private addresses by configuration.
 */
public final class Destinations {

    private final boolean allowPrivate;

    private Destinations(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Public addresses only: the default. */
    public static Destinations publicOnly() {
        return new Destinations(false);
    }

    /** Any address, private and loopback included (ducha.webhooks.allow-private, DUCHA_WEBHOOKS_ALLOW_PRIVATE). */
    public static Destinations allowingPrivate() {
        return new Destinations(true);
    }

    public static Destinations of(boolean allowPrivate) {
        return new Destinations(allowPrivate);
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** A URL refused as a webhook's destination; the message names the field {@code url} and the reason. */
    public static final class Refused extends IllegalArgumentException {

        private final String reason;

        Refused(String reason) {
            super("url: " + reason);
            this.reason = reason;
        }

        /** Why, in Chinese and English, without the field's name. */
        public String reason() {
            return reason;
        }
    }

    /**
     * Checks a webhook URL: http or https with a host, and, unless private addresses are allowed, every address
     * the host resolves to is public.
     *
     * @throws Refused naming the field {@code url} and why
     */
    public void check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new Refused("不是有效的地址 / is not a valid URL: " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new Refused("推送地址须为 http(s) / the URL must be http or https: " + url);
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new Refused("地址缺少主机名 / the URL has no host: " + url);
        }
        if (allowPrivate) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("主机名无法解析 / the host %s does not resolve".formatted(host));
        }
        for (InetAddress address : addresses) {
            NonPublic kind = NonPublic.of(address);
            if (kind != null) {
                throw new Refused(("%s 解析为%s地址 %s，不允许推送（可由 ducha.webhooks.allow-private 放开）"
                        + " / %s resolves to %s address %s, which webhooks may not reach"
                        + " (unless ducha.webhooks.allow-private is set)").formatted(host, kind.chinese,
                        address.getHostAddress(), host, kind.english, address.getHostAddress()));
            }
        }
    }

    /** The kinds of address a webhook may not reach by default. */
    enum NonPublic {
        LOOPBACK("环回", "a loopback"), UNSPECIFIED("未指定", "an unspecified"), LINK_LOCAL("链路本地", "a link-local"),
        PRIVATE("内网", "a private"), MULTICAST("组播", "a multicast");

        final String chinese;
        final String english;

        NonPublic(String chinese, String english) {
            this.chinese = chinese;
            this.english = english;
        }

        /** The kind of a non-public address, or null for a public one. */
        static NonPublic of(InetAddress address) {
            byte[] b = address.getAddress();
            if (address.isLoopbackAddress()) {
                return LOOPBACK;
            }
            if (address.isAnyLocalAddress() || address instanceof Inet4Address && b[0] == 0) {
                return UNSPECIFIED;
            }
            if (address.isLinkLocalAddress()) {
                return LINK_LOCAL;
            }
            // fc00::/7, the unique local addresses, are IPv6's private ranges; isSiteLocalAddress knows only fec0::/10
            if (address.isSiteLocalAddress() || address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
                return PRIVATE;
            }
            if (address.isMulticastAddress()) {
                return MULTICAST;
            }
            return null;
        }
    }
}
