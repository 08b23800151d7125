namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// The conditions a secure shelter must meet, checked at each inspection: the seven of the plan's §6, then those of
/// the Council of Europe Convention on Action against Trafficking in Human Beings, art. 12 §1, that §6 does not already name.
/// </summary>
public enum ShelterCondition
{
    // The plan's §6.
    SecuredBuilding = 1,
    Telephone = 2,
    MedicalCare = 3,
    LegalAssistance = 4,
    Translator = 5,
    ConversationRoom = 6,
    Confidentiality = 7,

    // CoE Convention art. 12 §1 (a)–(f) and §1 last sentence.
    AppropriateSecureAccommodation = 11,
    PsychologicalMaterialAssistance = 12,
    EmergencyMedicalTreatment = 13,
    TranslationInterpretation = 14,
    CounsellingOnRights = 15,
    CriminalProceedingsAssistance = 16,
    EducationForChildren = 17,
}
