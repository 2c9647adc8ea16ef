<#-- "Log in with VNeID" (providers/app: AppPushAuthenticator), shipped in the provider's jar so that every login theme
     renders it (a theme may override it with its own dinhdanh-app.ftl). identify: a QR code that changes every second
     (scan with the app) or the ID number (a push); waiting: the number to pick in the app; retry. In identify and
     waiting, resources/js/dinhdanh-app.js waits for the decision and submits by itself.
     Mobile first: the document order is a phone's (open the app on this phone, the ID number, then the QR code
     for another device); on a wide screen the page's stylesheet (resources/css/dinhdanh-app.css) puts the QR code
     first. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("dinhdanh.app.title")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/dinhdanh-app.css">
        <#if appMode == "waiting">
            <div id="dinhdanh-app" class="dinhdanh-app" data-state-url="${appStateUrl}" data-resume-url="${appResumeUrl}">
                <p>${msg("dinhdanh.app.pickNumber")}</p>
                <p id="dinhdanh-app-number" class="dinhdanh-app-number" aria-live="polite">${appNumber}</p>
                <p class="dinhdanh-app-status">${msg("dinhdanh.app.waiting")}</p>
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
            <div class="dinhdanh-app-identify">
                <div id="dinhdanh-app" class="dinhdanh-app" data-state-url="${appStateUrl}" data-qr-url="${appQrUrl}" data-resume-url="${appResumeUrl}">
                    <p class="dinhdanh-app-here"><a id="dinhdanh-app-qr-link" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" href="#">${msg("dinhdanh.app.openOnThisPhone")}</a></p>
                    <div class="dinhdanh-app-other">
                        <h2 class="dinhdanh-app-other-title">${msg("dinhdanh.app.otherDevice")}</h2>
                        <p id="dinhdanh-app-scan">${msg("dinhdanh.app.scan")}</p>
                        <div id="dinhdanh-app-qr" class="dinhdanh-app-qr" role="img" aria-label="${msg("dinhdanh.app.qrLabel")}"></div>
                    </div>
                    <p id="dinhdanh-app-scanned" class="dinhdanh-app-status" aria-live="polite" hidden>${msg("dinhdanh.app.scanned")}</p>
                    <form id="dinhdanh-app-form" action="${url.loginAction}" method="post">
                        <input type="hidden" name="answered" value="on"/>
                    </form>
                </div>
                <div class="dinhdanh-app-by-number">
                    <p class="dinhdanh-app-or">${msg("dinhdanh.app.orNumber")}</p>
                    <form id="dinhdanh-app-send-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                        <div class="${properties.kcFormGroupClass!}">
                            <label for="idNumber" class="${properties.kcLabelClass!}">${msg("dinhdanh.app.idNumber")}</label>
                            <input id="idNumber" name="idNumber" class="${properties.kcInputClass!}" inputmode="numeric"
                                   autocomplete="username" pattern="[0-9]{12}" maxlength="12" required/>
                        </div>
                        <@buttons.actionGroup>
                            <@buttons.button id="dinhdanh-app-send" name="send" label="dinhdanh.app.send" type="secondary"/>
                        </@buttons.actionGroup>
                    </form>
                </div>
            </div>
            <script type="module" src="${url.resourcesPath}/js/dinhdanh-app.js"></script>
        </#if>
    </#if>
</@layout.registrationLayout>
