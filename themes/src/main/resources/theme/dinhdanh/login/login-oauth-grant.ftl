<#-- Consent (Decree 13/2023/NĐ-CP): names the relying party, each data item it asks for (one line per citizen
     scope, its consent text naming every item) and the purpose the relying party stated (client attribute
     dinhdanh.purpose: a message key in braces, or plain text). Over keycloak.v2's login-oauth-grant.ftl. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout bodyClass="oauth"; section>
    <#if section = "header">
        <#if client.attributes.logoUri??>
            <img src="${client.attributes.logoUri}" alt=""/>
        </#if>
        <p>
        <#if client.name?has_content>
            ${msg("oauthGrantTitle",advancedMsg(client.name))}
        <#else>
            ${msg("oauthGrantTitle",client.clientId)}
        </#if>
        </p>
    <#elseif section = "form">
        <div id="kc-oauth" class="content-area">
            <h3>${msg("oauthGrantRequest", advancedMsg(client.name!client.clientId))}</h3>
            <ul id="dinhdanh-consent-items" class="${properties.kcListClass!}">
                <#if oauth.clientScopesRequested??>
                    <#list oauth.clientScopesRequested as clientScope>
                        <li>
                            <span><#if !clientScope.parameterizedScopeParameter??>
                                        ${advancedMsg(clientScope.consentScreenText)}
                                    <#else>
                                        ${advancedMsg(clientScope.consentScreenText, clientScope.parameterizedScopeParameter)}
                                </#if>
                            </span>
                        </li>
                    </#list>
                </#if>
            </ul>
            <h3>${msg("dinhdanh.consent.purposeTitle")}</h3>
            <p id="dinhdanh-consent-purpose">
                <#if client.attributes["dinhdanh.purpose"]?has_content>
                    ${advancedMsg(client.attributes["dinhdanh.purpose"])}
                <#else>
                    ${msg("dinhdanh.consent.noPurpose")}
                </#if>
            </p>
            <p id="dinhdanh-consent-notice">${msg("dinhdanh.consent.notice")}</p>
            <#if client.attributes.policyUri?? || client.attributes.tosUri??>
                <h3>
                    <#if client.name?has_content>
                        ${msg("oauthGrantInformation",advancedMsg(client.name))}
                    <#else>
                        ${msg("oauthGrantInformation",client.clientId)}
                    </#if>
                    <#if client.attributes.tosUri??>
                        ${msg("oauthGrantReview")}
                        <a href="${client.attributes.tosUri}" target="_blank">${msg("oauthGrantTos")}</a>
                    </#if>
                    <#if client.attributes.policyUri??>
                        ${msg("oauthGrantReview")}
                        <a href="${client.attributes.policyUri}" target="_blank">${msg("oauthGrantPolicy")}</a>
                    </#if>
                </h3>
            </#if>

            <form class="${properties.kcFormClass} ${properties.kcMarginTopClass!}" action="${url.oauthAction}" method="POST">
                <input type="hidden" name="code" value="${oauth.code}">
                <@buttons.actionGroup horizontal=true>
                    <@buttons.button id="kc-login" name="accept" label="dinhdanh.consent.accept"/>
                    <@buttons.button id="kc-cancel" name="cancel" label="dinhdanh.consent.deny" type="secondary"/>
                </@buttons.actionGroup>
            </form>
        </div>
    </#if>
</@layout.registrationLayout>
