package vn.bluezone.upload.support;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;
import vn.bluezone.protocol.provinces.AdministrativeUnits;

/** Errors the API reports as RFC 9457 problems. */
public final class Problems {

    private Problems() {
    }

    public static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    /** 400 unless {@code code} is null (when {@code optional}) or a province of the configured units. */
    public static void requireProvince(AdministrativeUnits units, String code, boolean optional) {
        if (code == null ? !optional : units.find(code).isEmpty()) {
            throw badRequest("provinceCode: " + (code == null ? "is required" : "'" + code
                    + "' is not a province code of the administrative units of " + units.edition()));
        }
    }

    /** A code or token that is unknown, expired, already used, or not this device's. */
    public static ResponseStatusException forbidden(String detail) {
        return new ResponseStatusException(HttpStatus.FORBIDDEN, detail);
    }

    public static ResponseStatusException unauthorized(String detail) {
        return new ResponseStatusException(HttpStatus.UNAUTHORIZED, detail);
    }

    /** 429 with Retry-After: the caller may try again after {@code retryAfter}. */
    public static ErrorResponseException tooManyRequests(String detail, Duration retryAfter) {
        ErrorResponseException tooMany = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS,
                ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, detail), null);
        tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
        return tooMany;
    }
}
