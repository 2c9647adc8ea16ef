package vn.dinhdanh.chip.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.dinhdanh.chip.challenge.ChipChallenges;
import vn.dinhdanh.chip.lds.ChipPresentation;

/**
 * The body of {@code POST /chip/verifications}, read with a size cap before any parsing:
 * <pre>{ "challengeId": "...", "files": { "SOD": b64, "DG1": b64, ... }, "activeAuthentication": { "signature": b64 } }</pre>
 * Every defect is an {@link ApiError} naming the field; the files themselves are the verifier's to judge.
 */
public record VerificationRequest(String challengeId, ChipPresentation presentation) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA_GROUP = Pattern.compile("DG([1-9]|1[0-6])");
    private static final Set<String> TOP_LEVEL = Set.of("challengeId", "files", "activeAuthentication");

    public static VerificationRequest read(InputStream body, int maxBytes) throws IOException {
        byte[] bytes = body.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw ApiError.tooLarge(maxBytes);
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            // Not only JsonProcessingException: bytes Jackson takes for UTF-32 fail as CharConversionException.
            throw ApiError.badRequest("malformed_json", "the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiError.badRequest("malformed_json", "the body is not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                throw invalid(name, "is not a field of a verification request");
            }
        }
        JsonNode challengeId = root.get("challengeId");
        if (challengeId == null || !challengeId.isTextual() || challengeId.asText().isEmpty()) {
            throw invalid("challengeId", "is required (from POST /chip/challenges)");
        }
        if (!ChipChallenges.wellFormed(challengeId.asText())) {
            throw invalid("challengeId", "is not an id POST /chip/challenges gives");
        }
        JsonNode files = root.get("files");
        if (files == null || !files.isObject()) {
            throw invalid("files", "is required: an object of base64 files (SOD, DG1, DG2, DG13, ...)");
        }
        byte[] sod = null;
        Map<Integer, byte[]> dataGroups = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = files.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> file = fields.next();
            byte[] content = base64("files." + file.getKey(), file.getValue());
            Matcher dataGroup = DATA_GROUP.matcher(file.getKey());
            if (file.getKey().equals("SOD")) {
                sod = content;
            } else if (dataGroup.matches()) {
                dataGroups.put(Integer.parseInt(dataGroup.group(1)), content);
            } else {
                throw invalid("files." + file.getKey(), "is not an LDS file name (SOD, DG1 ... DG16)");
            }
        }
        byte[] signature = null;
        JsonNode activeAuthentication = root.get("activeAuthentication");
        if (activeAuthentication != null && !activeAuthentication.isNull()) {
            if (!activeAuthentication.isObject() || activeAuthentication.size() != 1
                    || !activeAuthentication.has("signature")) {
                throw invalid("activeAuthentication", "is an object with one field, signature");
            }
            signature = base64("activeAuthentication.signature", activeAuthentication.get("signature"));
        }
        return new VerificationRequest(challengeId.asText(), new ChipPresentation(sod, dataGroups, signature));
    }

    private static byte[] base64(String field, JsonNode value) {
        if (value == null || !value.isTextual()) {
            throw invalid(field, "is a base64 string");
        }
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw invalid(field, "is not valid base64");
        }
    }

    private static ApiError invalid(String field, String problem) {
        return ApiError.badRequest("invalid_request", field + " " + problem);
    }
}
