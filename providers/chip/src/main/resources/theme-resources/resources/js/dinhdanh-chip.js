// CCCD chip login: wait for the citizen's app to answer this page's challenge, then continue by itself.
// Long poll: GET <state-url>?wait=20 returns as soon as the challenge is answered (or after 20 s, then
// again). A server with too many waiting requests answers at once: then ask again a second later. No
// refresh needed; a network error waits a little and tries again.
const box = document.getElementById("dinhdanh-chip");
const form = document.getElementById("dinhdanh-chip-form");
const stateUrl = box.dataset.stateUrl;

function submit() {
    form.requestSubmit();
}

function showExpired() {
    document.getElementById("dinhdanh-chip-waiting").hidden = true;
    document.getElementById("dinhdanh-chip-expired").hidden = false;
    document.getElementById("dinhdanh-chip-qr").classList.add("dinhdanh-chip-qr-stale");
}

async function wait() {
    while (true) {
        let state;
        const asked = Date.now();
        try {
            const response = await fetch(stateUrl + "?wait=20", { headers: { Accept: "application/json" }, cache: "no-store" });
            state = response.ok ? (await response.json()).state : "error";
        } catch (e) {
            state = "error";
        }
        if (state === "answered") {
            submit();
            return;
        }
        if (state === "expired" || state === "unknown") { // the server's clock decides, not this device's
            showExpired();
            return;
        }
        if (state === "error") {
            await new Promise(resolve => setTimeout(resolve, 2000));
        } else if (Date.now() - asked < 1000) {
            await new Promise(resolve => setTimeout(resolve, 1000));
        }
    }
}

wait();
