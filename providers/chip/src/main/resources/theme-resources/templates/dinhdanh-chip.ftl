<#-- CCCD chip login (providers/chip: ChipAuthenticator), shipped in the provider's jar so that every login theme renders
     it (a theme may override it with its own dinhdanh-chip.ftl). The app reads the card with the challenge in the
     QR code / link; resources/js/dinhdanh-chip.js waits for the answer and submits the form by itself.
     Mobile first: "open VNeID on this phone" before the QR code (a wide screen shows the QR code first). Once the
     code has expired (the script unhides #dinhdanh-chip-expired) the page's stylesheet (resources/css/dinhdanh-chip.css)
     hides the stale code and the link, so that the message and "make a new code" come first. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("dinhdanh.chip.title")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/dinhdanh-chip.css">
        <div id="dinhdanh-chip" class="dinhdanh-chip" data-state-url="${chipStateUrl}"
             data-chip-link="${chipLink}">
            <p class="dinhdanh-chip-instructions">${msg("dinhdanh.chip.instructions")}</p>
            <div class="dinhdanh-chip-here">
                <@buttons.buttonLink href=chipLink id="dinhdanh-chip-open-app" label="dinhdanh.chip.openApp" class=["kcButtonPrimaryClass", "kcButtonBlockClass"]/>
            </div>
            <div class="dinhdanh-chip-qr" id="dinhdanh-chip-qr" role="img" aria-label="${msg("dinhdanh.chip.qrLabel")}">${chipQr?no_esc}</div>
            <p id="dinhdanh-chip-waiting" class="dinhdanh-chip-status" aria-live="polite">${msg("dinhdanh.chip.waiting")}</p>
            <p id="dinhdanh-chip-expired" class="dinhdanh-chip-status" aria-live="polite" hidden>${msg("dinhdanh.chip.expired")}</p>
            <form id="dinhdanh-chip-form" action="${url.loginAction}" method="post">
                <input type="hidden" name="answered" value="on"/>
                <@buttons.actionGroup>
                    <@buttons.button id="dinhdanh-chip-retry" name="retry" label="dinhdanh.chip.retry" type="secondary"/>
                </@buttons.actionGroup>
            </form>
        </div>
        <script type="module" src="${url.resourcesPath}/js/dinhdanh-chip.js"></script>
    </#if>
</@layout.registrationLayout>
