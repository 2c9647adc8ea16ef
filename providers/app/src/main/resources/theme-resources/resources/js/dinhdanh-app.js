// "Log in with VNeID": wait for the citizen's decision in the app, then continue by itself. Long poll:
// GET <state-url>?wait=20&seen=<state shown> returns as soon as something new happens (a QR code scanned,
// the challenge decided or expired), woken by the server as it happens; a quick "pending" (a server at its
// bound of waiting requests) waits a second before asking again; errors wait two. On the QR page the code
// changes every second (GET <qr-url>: the server computes it).
const box = document.getElementById("dinhdanh-app");
const form = document.getElementById("dinhdanh-app-form");
const qrUrl = box.dataset.qrUrl;
let seen = "pending";

const pause = ms => new Promise(resolve => setTimeout(resolve, ms));

async function json(url) {
    try {
        const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
        return response.ok ? await response.json() : { state: "error" };
    } catch (e) {
        return { state: "error" };
    }
}

async function rotateQr() {
    const image = document.getElementById("dinhdanh-app-qr");
    const link = document.getElementById("dinhdanh-app-qr-link");
    while (seen === "pending") {
        const started = Date.now();
        const qr = await json(qrUrl);
        if (qr.state === "pending") {
            if (qr.svg && seen === "pending") { // no code while a scan is being claimed: keep the last one a moment
                image.innerHTML = qr.svg; // the server's own SVG (ZXing), no user input in it
                link.href = qr.payload;
                box.dataset.payload = qr.payload;
            }
        } else if (qr.state !== "error") {
            return; // scanned, decided or expired: the long poll tells the page
        }
        await pause(Math.max(100, 1000 - (Date.now() - started)));
    }
}

async function wait() {
    while (true) {
        const asked = Date.now();
        const state = (await json(box.dataset.stateUrl + "?wait=20&seen=" + seen)).state;
        if (state === "scanned") {
            seen = "scanned";
            for (const id of ["dinhdanh-app-qr", "dinhdanh-app-qr-link", "dinhdanh-app-scan"]) {
                document.getElementById(id).hidden = true;
            }
            document.getElementById("dinhdanh-app-scanned").hidden = false;
        } else if (state !== "pending" && state !== "error") {
            form.requestSubmit();
            return;
        }
        if (state === "error") {
            await pause(2000);
        } else if (state === "pending" && Date.now() - asked < 1000) {
            await pause(1000); // "still waiting" at once: a server at its bound of waiting requests
        } // "scanned" is news: ask again at once, so the decision that follows is seen as it lands
    }
}

// A reload must show this login again, not send the relying party's authorization request anew (a new login).
if (box.dataset.resumeUrl) {
    history.replaceState(null, "", box.dataset.resumeUrl);
}
if (qrUrl) {
    rotateQr();
}
wait();
