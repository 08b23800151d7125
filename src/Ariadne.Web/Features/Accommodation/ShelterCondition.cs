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

/// <summary>What an inspection found for one condition.</summary>
public enum ConditionResult
{
    Met = 1,
    NotMet = 2,
    NotApplicable = 3,
}

/// <summary>A resident's comings and goings: recorded neutrally, because a shelter is never a place of confinement (§6).</summary>
public enum MovementDirection
{
    WentOut = 1,
    CameBack = 2,
}

/// <summary>Where a resident's complaint stands with the oversight body.</summary>
public enum ComplaintStatus
{
    Received = 1,
    UnderReview = 2,
    Closed = 3,
}

/// <summary>How a complaint arrived: through a worker outside the shelter, or by the resident with the code on the welcome sheet.</summary>
public enum ComplaintChannel
{
    Worker = 1,
    Code = 2,
}
