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
            // Once a referral for a child is accepted, its grant names the worker who took the child on: from then on it is
            // that worker's alone (colleagues neither see it in the inbox nor complete it, which would revoke the grant).
            var namedToOthers = access.Db.Grants.Where(g => g.GranteeUserId != null && g.GranteeUserId != v.UserId).Select(g => g.Id);
            return access.Db.OnwardReferrals.Where(o => o.RecipientInstitutionId == v.InstitutionId && relations.Contains(o.Relation)
                && (o.GrantId == null || !namedToOthers.Contains(o.GrantId.Value)));
        }
    }
}
