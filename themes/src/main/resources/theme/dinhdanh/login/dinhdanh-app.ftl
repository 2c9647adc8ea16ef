<#-- "Log in with VNeID" (providers/app: AppPushAuthenticator). identify: a QR code that changes every second
     (scan with the app) or the ID number (a push); waiting: the number to pick in the app; retry. In identify and
     waiting, resources/js/dinhdanh-app.js waits for the decision and submits by itself. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("dinhdanh.app.title")}
    <#elseif section = "form">
        <#if appMode == "waiting">
            <div id="dinhdanh-app" class="dinhdanh-app" data-state-url="${appStateUrl}" data-resume-url="${appResumeUrl}">
                <p>${msg("dinhdanh.app.pickNumber")}</p>
                <p id="dinhdanh-app-number" class="dinhdanh-app-number" aria-live="polite">${appNumber}</p>
                <p class="dinhdanh-chip-status">${msg("dinhdanh.app.waiting")}</p>
                <form id="dinhdanh-app-form" action="${url.loginAction}" method="post">
                    <input type="hidden" name="answered" value="on"/>
                    <@buttons.actionGroup>
                        <@buttons.button id="dinhdanh-app-retry" name="retry" label="dinhdanh.app.retry" type="secondary"/>
                    </@buttons.actionGroup>
                </form>
            </div>
            <script type="module" src="${url.resourcesPath}/js/dinhdanh-app.js"></script>
        <#elseif appMode == "retry">
            <form id="dinhdanh-app-form" action="${url.loginAction}" method="post">
                <@buttons.actionGroup>
                    <@buttons.button id="dinhdanh-app-retry" name="retry" label="dinhdanh.app.retry"/>
                </@buttons.actionGroup>
            </form>
        <#else>
            <div id="dinhdanh-app" class="dinhdanh-app" data-state-url="${appStateUrl}" data-qr-url="${appQrUrl}" data-resume-url="${appResumeUrl}">
                <p id="dinhdanh-app-scan">${msg("dinhdanh.app.scan")}</p>
                <div id="dinhdanh-app-qr" class="dinhdanh-chip-qr" role="img" aria-label="${msg("dinhdanh.app.qrLabel")}"></div>
                <p><a id="dinhdanh-app-qr-link" href="#">${msg("dinhdanh.app.openOnThisPhone")}</a></p>
                <p id="dinhdanh-app-scanned" class="dinhdanh-chip-status" aria-live="polite" hidden>${msg("dinhdanh.app.scanned")}</p>
                <form id="dinhdanh-app-form" action="${url.loginAction}" method="post">
                    <input type="hidden" name="answered" value="on"/>
                </form>
            </div>
            <p class="dinhdanh-app-or">${msg("dinhdanh.app.orNumber")}</p>
            <form id="dinhdanh-app-send-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <label for="idNumber" class="${properties.kcLabelClass!}">${msg("usernameOrEmail")}</label>
                    <input id="idNumber" name="idNumber" class="${properties.kcInputClass!}" inputmode="numeric"
                           autocomplete="username" pattern="[0-9]{12}" maxlength="12" required/>
                </div>
                <@buttons.actionGroup>
                    <@buttons.button id="dinhdanh-app-send" name="send" label="dinhdanh.app.send"/>
                </@buttons.actionGroup>
            </form>
            <script type="module" src="${url.resourcesPath}/js/dinhdanh-app.js"></script>
        </#if>
    </#if>
</@layout.registrationLayout>
