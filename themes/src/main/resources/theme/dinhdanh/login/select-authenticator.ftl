<#-- "Choose a way to log in": keycloak.v2's list, each method a real <button> in its own form (Enter and Space
     work, the focus is visible), instead of a div with an onclick. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayInfo=false; section>
    <#if section = "header" || section = "show-username">
        <#if section = "header">
            ${msg("loginChooseAuthenticator")}
        </#if>
    <#elseif section = "form">
    <ul id="dinhdanh-methods" class="dinhdanh-methods" role="list">
        <#list auth.authenticationSelections as authenticationSelection>
            <li>
                <form action="${url.loginAction}" method="post">
                    <input type="hidden" name="authenticationExecution" value="${authenticationSelection.authExecId}">
                    <button type="submit" class="dinhdanh-method" id="dinhdanh-method-${authenticationSelection?index}"
                            aria-describedby="dinhdanh-method-help-${authenticationSelection?index}">
                        <span class="dinhdanh-method-name">${msg('${authenticationSelection.displayName}')}</span>
                        <span class="dinhdanh-method-help" id="dinhdanh-method-help-${authenticationSelection?index}">${msg('${authenticationSelection.helpText}')}</span>
                        <span class="dinhdanh-method-arrow" aria-hidden="true">›</span>
                    </button>
                </form>
            </li>
        </#list>
    </ul>
    </#if>
</@layout.registrationLayout>
