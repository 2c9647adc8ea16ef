<#-- Level 2 cannot be given (providers/assurance: LevelRefusal), shipped in the provider's jar so that every login
     theme renders it (a theme may override it with its own dinhdanh-level-2.ftl). The citizen reads why, then goes back
     to the service, which receives the protocol's standard answer for an unmet level (OIDC access_denied, SAML
     NoAuthnContext). -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("dinhdanh.assurance.title")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/dinhdanh-level-2.css">
        <div id="dinhdanh-level-2" data-shortfall="${assuranceShortfall}">
            <p id="dinhdanh-level-2-asked">${msg("dinhdanh.assurance.asked", assuranceClient)}</p>
            <p id="dinhdanh-level-2-reason">${msg("dinhdanh.assurance." + assuranceShortfall)}</p>
            <#assign dinhdanhNextKey = "dinhdanh.assurance.next." + assuranceShortfall>
            <#if msg(dinhdanhNextKey) != dinhdanhNextKey>
                <h2 class="dinhdanh-next-title">${msg("dinhdanh.assurance.nextTitle")}</h2>
                <p id="dinhdanh-level-2-next">${msg(dinhdanhNextKey)}</p>
            </#if>
            <form id="dinhdanh-level-2-form" action="${url.loginAction}" method="post">
                <@buttons.actionGroup>
                    <@buttons.button id="dinhdanh-level-2-return" name="dinhdanh-return" label="dinhdanh.assurance.return" type="primary"/>
                </@buttons.actionGroup>
            </form>
        </div>
    </#if>
</@layout.registrationLayout>
