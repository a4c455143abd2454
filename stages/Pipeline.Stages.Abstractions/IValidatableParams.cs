namespace Pipeline.Stages.Abstractions;

/// <summary>
/// Params records implement this for rules that <see cref="System.ComponentModel.DataAnnotations"/> attributes
/// (<c>[Range]</c>, <c>[Required]</c>) cannot express, such as one param depending on another.
/// </summary>
public interface IValidatableParams
{
    /// <summary>Every problem at once; empty when valid.</summary>
    IEnumerable<ParamError> Validate();
}
