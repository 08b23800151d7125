// Tests and benchmarks reach into any module; the module map binds the application's code, not theirs.
global using Ariadne.Web.Features.Cases;
global using Ariadne.Web.Features.Coordination;
global using Ariadne.Web.Features.Identification;
global using Ariadne.Web.Features.Protection;
global using Ariadne.Web.Features.Referrals;
global using Ariadne.Web.Features.Staff;
global using Ariadne.Web.Platform.Notifications;
global using Ariadne.Web.Platform.Participants;
