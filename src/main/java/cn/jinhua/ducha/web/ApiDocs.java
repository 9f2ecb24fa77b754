package cn.jinhua.ducha.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's title and its login (HTTP Basic), so that the browsable UI can sign in. */
@Configuration
@OpenAPIDefinition(
        info = @Info(title = "督查 Ducha API", version = "0.1.0",
                description = "金华营商环境“一号改革工程”承诺评判：报表、评判、结论、预警督办与审计。"
                        + " / Jinhua's reform commitments judged: sheets, evaluations, verdicts, alerts and audit."
                        + " 错误一律为 RFC 9457 problem+json / every error is RFC 9457 problem+json."),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
class ApiDocs {
}
