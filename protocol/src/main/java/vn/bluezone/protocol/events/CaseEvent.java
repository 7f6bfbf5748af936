package vn.bluezone.protocol.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.UUID;

/**
 * What happens to a case, on {@link Topics#CASES} keyed by case id, so a case's events arrive in order.
 * The {@code type} property names the event; one without it is a {@link CaseOpened} (the first version
 * of the topic carried only those).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = CaseOpened.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = CaseOpened.class, name = "opened"),
    @JsonSubTypes.Type(value = CodeRedeemed.class, name = "code-redeemed")})
public sealed interface CaseEvent permits CaseOpened, CodeRedeemed {

    UUID caseId();

    /** Whether it has every field a consumer needs; one that does not goes to the dead-letter topic. */
    boolean complete();
}
