using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Protection;

/// <summary>The recipient's inbox of onward referrals: this module's rule, built on the viewer's relations.</summary>
public static class OnwardVisibility
{
    extension(CaseAccess access)
    {
        /// <summary>Onward referrals addressed to the viewer's institution in a relation the viewer's roles can hold (the recipient's inbox).</summary>
        public IQueryable<OnwardReferral> OnwardInbox(Viewer v)
        {
            var relations = v.InstitutionRelations.ToList();
            return access.Db.OnwardReferrals.Where(o => o.RecipientInstitutionId == v.InstitutionId && relations.Contains(o.Relation));
        }
    }
}
