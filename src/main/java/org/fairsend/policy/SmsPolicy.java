package org.fairsend.policy;

import java.util.List;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * the personalised SMS senders (TPOA) the platform refuses. A sender is compared with these names
 * upper-cased with accents and non-alphanumerics removed; a protected name is found inside a longer sender
 * too (BNPPARIBAS1 names BNPPARIBAS) when it has 4 characters or more, else it must be the whole sender; a
 * sender of 8 characters or more that begins a longer protected name (CREDITAGRIC) names it too; a generic
 * name is refused as the whole sender, with or without trailing digits (ALERTE2).
 *
 * @param protectedAlways names nobody may use (emergency services, administrations)
 * @param protectedUnlessAuthorised names only an account holding the brand's authorisation may use (banks,
 *     carriers, delivery companies, other brands), recorded by the operator when approving the sender
 * @param genericNames names that identify nobody (alert, rdv, payment, bank, parcel, ...)
 */
public record SmsPolicy(List<String> protectedAlways, List<String> protectedUnlessAuthorised, List<String> genericNames) {

    static final List<String> PROTECTED_ALWAYS = List.of("SAMU", "POMPIERS", "POLICE", "GENDARMERIE", "URGENCE", "URGENCES", "SECOURS",
            "IMPOTS", "DGFIP", "AMELI", "CPAM", "CAF", "URSSAF", "ANTS", "FRANCECONNECT", "GOUV", "GOUVFR", "SERVICEPUBLIC",
            "ELYSEE", "MATIGNON", "PREFECTURE", "MAIRIE", "POLEEMPLOI", "FRANCETRAVAIL", "ANSSI", "CNIL", "ARCEP", "ASSURANCEMALADIE");
    static final List<String> PROTECTED_UNLESS_AUTHORISED = List.of("BNP", "BNPPARIBAS", "SOCGEN", "SOCIETEGENERALE", "CREDITAGRICOLE",
            "LCL", "CAISSEDEPARGNE", "CAISSEEPARGNE", "BANQUEPOPULAIRE", "LABANQUEPOSTALE", "BANQUEPOSTALE", "CIC", "CREDITMUTUEL",
            "BOURSORAMA", "HELLOBANK", "FORTUNEO", "REVOLUT", "N26", "PAYPAL", "VISA", "MASTERCARD", "ORANGE", "SFR", "BOUYGUES",
            "BOUYGUESTELECOM", "FREEMOBILE", "SOSH", "REDSFR", "LAPOSTE", "COLISSIMO", "CHRONOPOST", "DHL", "UPS", "FEDEX", "DPD",
            "MONDIALRELAY", "AMAZON", "APPLE", "GOOGLE", "MICROSOFT", "NETFLIX", "EDF", "ENGIE", "TOTALENERGIES", "SNCF", "RATP",
            "VINTED", "LEBONCOIN", "DOCTOLIB");
    static final List<String> GENERIC = List.of("ALERT", "ALERTE", "ALERTES", "INFO", "INFOS", "RDV", "RENDEZVOUS", "PAYMENT", "PAIEMENT",
            "BANK", "BANQUE", "PARCEL", "COLIS", "LIVRAISON", "DELIVERY", "SERVICE", "SERVICES", "SMS", "VERIF", "VERIFY", "VERIFICATION",
            "SECURITE", "SECURITY", "CODE", "OTP", "NOTIF", "NOTIFICATION", "MESSAGE", "PROMO", "PROMOS", "CONTACT", "SUPPORT", "STOP",
            "COMPTE", "ACCOUNT", "FACTURE", "INVOICE", "CLIENT", "CLIENTS", "OFFRE", "OFFRES", "AVIS", "RAPPEL", "REMINDER", "TEST");

    public SmsPolicy {
        protectedAlways = protectedAlways == null ? PROTECTED_ALWAYS : List.copyOf(protectedAlways);
        protectedUnlessAuthorised = protectedUnlessAuthorised == null ? PROTECTED_UNLESS_AUTHORISED : List.copyOf(protectedUnlessAuthorised);
        genericNames = genericNames == null ? GENERIC : List.copyOf(genericNames);
    }

    public static SmsPolicy defaults() {
        return new SmsPolicy(null, null, null);
    }

    public void problems(List<Violation> v) {
        names("sms.protectedAlways", protectedAlways, v);
        names("sms.protectedUnlessAuthorised", protectedUnlessAuthorised, v);
        names("sms.genericNames", genericNames, v);
    }

    private static void names(String field, List<String> names, List<Violation> v) {
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null || !n.matches("[A-Za-z0-9]{1,40}")) {
                v.add(new Violation(field + "[" + i + "]", "X-6", "a name of 1 to 40 letters or digits, without spaces or accents"));
            }
        }
    }
}
