namespace Ariadne.Web.Features.InformationRequests;

/// <summary>
/// The legal bases a request may rest on (a closed list, kept with the product; the requester adds the article or document in
/// <see cref="InformationRequest.BasisReference"/>).
/// </summary>
public enum LegalBasis
{
    /// <summary>The Law on combating trafficking in persons (cooperation of the bodies combating trafficking).</summary>
    TraffickingLaw = 1,
    /// <summary>The Code of Criminal Procedure (a request in a criminal case).</summary>
    CriminalProcedure = 2,
    /// <summary>The law on the rights of the child (child protection).</summary>
    ChildProtection = 3,
    /// <summary>The law on social services (assistance to the person).</summary>
    SocialServices = 4,
    /// <summary>The written consent of the person concerned.</summary>
    PersonConsent = 5,
}
