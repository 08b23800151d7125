namespace Ariadne.Web.Features.Reintegration;

public enum TravelDocumentType
{
    Passport = 1,
    CertificateOfReturn = 2,
    Visa = 3,
    TransitPermit = 4,
    Other = 5,
}
