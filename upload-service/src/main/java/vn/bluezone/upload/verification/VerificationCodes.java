package vn.bluezone.upload.verification;

/** Hash purposes keep a code and a token with the same text from ever sharing a hash. */
final class VerificationCodes {

    static final String PURPOSE = "verification-code";

    private VerificationCodes() {
    }
}
