package vn.bluezone.protocol.auth;

/** What an official's account may do; an account holds one or more. */
public enum OfficialRole {
    /** Confirms cases, issues their codes and follows their contacts, in the account's provinces. */
    HEALTH_OFFICIAL,
    /** Reads adoption statistics of the account's provinces. */
    PROVINCE_OFFICER,
    /** Reads the statistics of every province and uploads smartphone figures. */
    OPERATOR,
    /** Creates, edits and disables accounts and reads the audit log. */
    ADMIN
}
