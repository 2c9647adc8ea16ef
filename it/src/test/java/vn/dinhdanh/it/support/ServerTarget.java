package vn.dinhdanh.it.support;

import vn.dinhdanh.sandbox.SandboxSecrets;

/** What every target draws per run: the sample relying parties' ports and secret, the admin password. */
abstract class ServerTarget implements ServerUnderTest, AutoCloseable {

    protected final RelyingParties relyingParties = RelyingParties.random();
    protected final String adminPassword = SandboxSecrets.random();

    @Override
    public final String adminPassword() {
        return adminPassword;
    }

    @Override
    public final RelyingParties relyingParties() {
        return relyingParties;
    }

    @Override
    public abstract void close();
}
