package tlslab.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void longCellsWrapInPlainTextAndAreNeverCut() {
        String message = "TLS alert decrypt_error: a 32-byte input is not an RSA ciphertext for a 2048-bit key at all: those are exactly 256 bytes";
        String text = Html.text(List.of("attempt", "result"), List.of(List.of("RSA-decrypt", message)));
        assertTrue(!text.contains("…"), text);
        String joined = text.lines().skip(1).map(l -> l.substring("RSA-decrypt".length() + 2)).reduce("", String::concat);
        assertEquals(message, joined.replaceAll("\\s+$", ""));
        assertEquals(1 + (message.length() + 59) / 60, text.lines().count(), text);
    }
}
