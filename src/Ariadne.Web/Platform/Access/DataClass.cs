namespace Ariadne.Web.Platform.Access;

/// <summary>The data classes of PRODUCT.md §3. Every personal field belongs to exactly one.</summary>
[Flags]
public enum DataClass
{
    None = 0,
    Status = 1,
    Identity = 2,
    ContactLocation = 4,
    Health = 8,
    Investigation = 16,
    Legal = 32,
    Care = 64,
    All = Status | Identity | ContactLocation | Health | Investigation | Legal | Care,
}
