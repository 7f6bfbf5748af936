package vn.bluezone.upload.portal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.support.web.Callers;
import vn.bluezone.upload.support.Problems;

/**
 * The verification code as a QR code the patient's phone scans ({@code bluezone:verify?code=...}),
 * drawn by ZXing. Posted, not in a URL, so the code never lands in an access log or a browser history.
 */
@RestController
class QrCodes {

    static final String SCHEME = "bluezone:verify?code=";

    @PostMapping(value = "/portal/qr", produces = MediaType.IMAGE_PNG_VALUE)
    Mono<ResponseEntity<byte[]>> qr(Principal caller, ServerWebExchange exchange) {
        Callers.requireOfficial(caller, OfficialRole.HEALTH_OFFICIAL);
        return exchange.getFormData().map(form -> {
            String code = code(form);
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                    .body(png(SCHEME + code));
        });
    }

    private static String code(MultiValueMap<String, String> form) {
        String code = form.getFirst("code");
        if (code == null || !code.matches("\\d{12}")) {
            throw Problems.badRequest("code: must be the 12 digits of a verification code");
        }
        return code;
    }

    static byte[] png(String text) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            MatrixToImageWriter.writeToStream(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 288, 288,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2)), "PNG", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException("A 12-digit code always fits a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
