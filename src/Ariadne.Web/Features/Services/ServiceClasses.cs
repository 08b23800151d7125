using System.Reflection;
using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Services;

/// <summary>
/// Which class a service's sessions belong to. Medical and psychological sessions are health information; every
/// other service is care. The classes themselves are declared once, by the attributes on <see cref="ServiceSession"/>'s
/// two columns: this names the column, never a class.
/// </summary>
public static class ServiceClasses
{
    /// <summary>Whether the service's sessions go in the health column.</summary>
    public static bool IsHealth(ServiceType type) => type is ServiceType.Medical or ServiceType.Psychological;

    private static readonly DataClass HealthColumn = ColumnClass(nameof(ServiceSession.HealthEnc));
    private static readonly DataClass CareColumn = ColumnClass(nameof(ServiceSession.CareEnc));

    /// <summary>The class a session of this service is sealed under, and that a viewer must hold to read or write it.</summary>
    public static DataClass Of(ServiceType type) => IsHealth(type) ? HealthColumn : CareColumn;

    private static DataClass ColumnClass(string property) =>
        typeof(ServiceSession).GetProperty(property)!.GetCustomAttribute<DataClassAttribute>()!.Class;
}
