// "Log in with VNeID": wait for the citizen's decision in the app, then continue by itself. Long poll:
// GET <state-url>?wait=20 returns as soon as the challenge is decided or expired (the server then says
// which); a quick "pending" (a busy server) waits a second before asking again; errors wait two.
const box = document.getElementById("dinhdanh-app");
const form = document.getElementById("dinhdanh-app-form");

async function wait() {
    while (true) {
        let state;
        const asked = Date.now();
        try {
            const response = await fetch(box.dataset.stateUrl + "?wait=20", { headers: { Accept: "application/json" }, cache: "no-store" });
            state = response.ok ? (await response.json()).state : "error";
        } catch (e) {
            state = "error";
        }
        if (state !== "pending" && state !== "error") {
            form.requestSubmit();
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
