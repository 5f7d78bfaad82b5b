using System.Collections;
using System.Reflection;
using LiteDB;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Storage;

/// <summary>
/// Builds LiteDB's entity mappings of the stored classes up front, on one thread, before anyone queries.
/// </summary>
/// <remarks>
/// LiteDB 5 builds a class's mapping lazily on first use and publishes it in the mapper's dictionary before its members are
/// filled in: a second thread using the same class at that moment sees an empty mapping and fails with "Member PersonId not
/// found on BsonMapper for type …MembershipRecord" (the lost first turns after a restart). Each database gets its own
/// mapper (<see cref="BsonMapper.Global"/> is shared with anything else in the process) with every mapping complete.
/// Stores of other projects that use typed collections build theirs in their constructor, which runs at start-up.
/// </remarks>
public static class EntityMappings
{
    /// <summary>The classes PcgdBot.Storage keeps in typed collections.</summary>
    public static IReadOnlyList<Type> StorageEntities { get; } =
    [
        typeof(PersonRecord), typeof(IdentityRecord), typeof(UnitRecord), typeof(MembershipRecord), typeof(InviteRecord),
        typeof(CodeAttemptRecord), typeof(StatusUpdateRecord), typeof(AuditRecord), typeof(CounterRecord),
        typeof(Dashboard.WebSignInCodeRecord), typeof(Dashboard.WebSessionRecord),
    ];

    private static readonly MethodInfo EntityMethod = typeof(BsonMapper).GetMethod(nameof(BsonMapper.Entity))!;

    /// <summary>A new mapper (LiteDB's defaults) with the mappings of <paramref name="entities"/> and the classes they contain built.</summary>
    public static BsonMapper CreateMapper(IEnumerable<Type> entities)
    {
        var mapper = new BsonMapper();
        Register(mapper, entities);
        return mapper;
    }

    /// <summary>Builds the mappings of <paramref name="entities"/> and of the classes their properties hold (lists included).</summary>
    public static void Register(BsonMapper mapper, IEnumerable<Type> entities)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(entities);
        while (pending.TryPop(out var type))
        {
            if (!IsEntity(type) || !seen.Add(type))
            {
                continue;
            }

            // Entity<T>() builds and caches the complete mapping of T before it returns.
            EntityMethod.MakeGenericMethod(type).Invoke(mapper, null);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                foreach (var contained in ContainedTypes(property.PropertyType))
                {
                    pending.Push(contained);
                }
            }
        }
    }

    private static IEnumerable<Type> ContainedTypes(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            return ContainedTypes(type.GetElementType()!);
        }

        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            return type.GetGenericArguments().SelectMany(ContainedTypes);
        }

        return [type];
    }

    /// <summary>A class of ours that LiteDB maps member by member (not a value it stores as is).</summary>
    private static bool IsEntity(Type type) =>
        !type.IsPrimitive && !type.IsEnum && !type.IsGenericTypeDefinition
        && type != typeof(string) && type != typeof(decimal) && type != typeof(DateTime) && type != typeof(DateTimeOffset)
        && type != typeof(Guid) && type != typeof(TimeSpan) && type != typeof(DateOnly) && type != typeof(TimeOnly)
        && type != typeof(object) && !typeof(BsonValue).IsAssignableFrom(type)
        && type.Namespace?.StartsWith("System", StringComparison.Ordinal) != true;
}
