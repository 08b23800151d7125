namespace Ariadne.Web.Features.Observation;

/// <summary>The economic regions of the country (2021 division), for where a problem was found or a campaign ran.</summary>
public enum Region
{
    Baku,
    AbsheronKhizi,
    MountainousShirvan,
    GanjaDashkasan,
    Karabakh,
    GazakhTovuz,
    GubaKhachmaz,
    LankaranAstara,
    CentralAran,
    MilMughan,
    ShakiZagatala,
    EastZangezur,
    Nakhchivan,
    ShirvanSalyan,
}
