// dinhdanh account console: on "Signing in", the VNeID devices come before the password.
//
// Keycloak's account REST API sorts the credential types by category (basic-authentication, then two-factor, then
// passwordless) and then by type name, and keycloak.v3's page shows one section per category in that order: no
// category a credential type can declare puts it above the password (itself basic-authentication, and "password"
// sorts before "vneid-device"). So the theme moves the section of the devices (Keycloak's "passwordless" category,
// which the device credential type declares) before the password's section. It moves the element itself, not its
// picture (no CSS order): screen readers and the Tab key meet the devices first as well.
const FIRST = "passwordless-categ-title";
const THEN = "basic-authentication-categ-title";

function devicesFirst() {
  const devices = document.getElementById(FIRST);
  const password = document.getElementById(THEN);
  if (!devices || !password) {
    return;
  }
  const devicesSection = devices.closest("section");
  const passwordSection = password.closest("section");
  if (!devicesSection || !passwordSection || devicesSection.parentNode !== passwordSection.parentNode) {
    return;
  }
  if (passwordSection.compareDocumentPosition(devicesSection) & Node.DOCUMENT_POSITION_FOLLOWING) {
    passwordSection.parentNode.insertBefore(devicesSection, passwordSection);
  }
}

new MutationObserver(devicesFirst).observe(document.body, { childList: true, subtree: true });
devicesFirst();
