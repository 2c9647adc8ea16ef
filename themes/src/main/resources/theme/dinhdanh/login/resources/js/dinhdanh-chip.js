// CCCD chip login: wait for the citizen's app to answer this page's challenge, then continue by itself.
// Long poll: GET <state-url>?wait=25 returns as soon as the challenge is answered (or after 25 s, then
// again). No refresh needed; a network error waits a little and tries again.
const box = document.getElementById("dinhdanh-chip");
const form = document.getElementById("dinhdanh-chip-form");
const stateUrl = box.dataset.stateUrl;
const expiresAt = Number(box.dataset.expiresAt);

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
        try {
            const response = await fetch(stateUrl + "?wait=25", { headers: { Accept: "application/json" }, cache: "no-store" });
            state = response.ok ? (await response.json()).state : "error";
        } catch (e) {
            state = "error";
        }
        if (state === "answered") {
            submit();
            return;
        }
        if (state === "expired" || state === "unknown" || Date.now() > expiresAt + 5000) {
            showExpired();
            return;
        }
        if (state === "error") {
            await new Promise(resolve => setTimeout(resolve, 2000));
        }
    }
}

wait();
