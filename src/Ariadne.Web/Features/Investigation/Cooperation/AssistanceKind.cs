namespace Ariadne.Web.Features.Investigation;

/// <summary>The kind of assistance asked of the foreign authority.</summary>
public enum AssistanceKind
{
    Information = 1,
    LocatePerson = 2,
    FinancialRecords = 3,
    TelecomRecords = 4,
    Interview = 5,
    ServiceOfDocuments = 6,
    Other = 7,
}
