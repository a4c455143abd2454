using Pipeline.Engine.Model;
using Pipeline.Engine.Tests.Fakes;
using Pipeline.Engine.Validation;
using Pipeline.Engine.Yaml;

namespace Pipeline.Engine.Tests.Validation;

public sealed class PipelineValidatorTests
{
    private static readonly EnvInterpolator Env = new(name => name == "GREETING" ? "hello" : null);

    private static IReadOnlyList<Diagnostic> Errors(string yaml, params string[] sets)
    {
        var overrides = sets.Select((s, i) => ParamOverride.Parse(s, i + 1, out _)!).ToList();
        var e = Assert.Throws<PipelineValidationException>(() => new PipelineValidator(TestCatalog.Create()).LoadText(yaml, "p.yaml", overrides, Env));
        return e.Diagnostics;
    }

    private const string Valid = """
        name: demo
        stages:
          a:
            uses: text
            params: { text: "x" }
          b:
            uses: text
            inputs: { source: a.out }
            params:
              text: y
        """;

    [Fact]
    public void A_valid_pipeline_binds_params_with_defaults()
    {
        var pipeline = new PipelineValidator(TestCatalog.Create()).LoadText(Valid, "p.yaml", env: Env);
        var b = (TextParams)pipeline.Stages["b"].Params.Instance;
        Assert.Equal("y", b.Text);
        Assert.Equal(1, b.Repeat);
        Assert.Equal(42, pipeline.Definition.Seed);
        Assert.Equal("demo", pipeline.Definition.Experiment);
    }

    [Fact]
    public void A_param_with_its_own_converter_is_checked_by_that_converter()
    {
        var yaml = "name: demo\nstages:\n  a:\n    uses: text\n    params: { text: x, step: auto }\n";
        var pipeline = new PipelineValidator(TestCatalog.Create()).LoadText(yaml, "p.yaml", env: Env);
        Assert.Null(((TextParams)pipeline.Stages["a"].Params.Instance).Step);

        var number = new PipelineValidator(TestCatalog.Create()).LoadText(yaml.Replace("auto", "2.5"), "p.yaml", env: Env);
        Assert.Equal(2.5, ((TextParams)number.Stages["a"].Params.Instance).Step);

        var errors = Errors(yaml.Replace("step: auto", "step: fast"));
        var error = Assert.Single(errors);
        Assert.Contains("'a.step'", error.Message);
        Assert.Equal(5, error.Location.Line);
    }

    [Fact]
    public void Yaml_syntax_error_has_its_location()
    {
        var errors = Errors("name: demo\nstages:\n  a: [unclosed\n");
        var error = Assert.Single(errors);
        Assert.StartsWith("p.yaml:", error.ToString());
        Assert.Contains("YAML syntax", error.Message);
        Assert.True(error.Location.Line >= 3);
    }

    [Fact]
    public void Unknown_keys_suggest_the_nearest_valid_one()
    {
        var errors = Errors("name: demo\nstages:\n  a:\n    usse: text\n    uses: text\n    params: { text: x }\nseeed: 1\n");
        Assert.Contains(errors, e => e.Message.Contains("'usse'") && e.Message.Contains("did you mean 'uses'") && e.Location.Line == 4 && e.Location.Column == 5);
        Assert.Contains(errors, e => e.Message.Contains("did you mean 'seed'") && e.Location.Line == 7 && e.Location.Column == 1);
    }

    [Fact]
    public void Unknown_stage_type_lists_registered_types()
    {
        var error = Assert.Single(Errors("name: demo\nstages:\n  a:\n    uses: txet\n"));
        Assert.Contains("unknown stage type 'txet'", error.Message);
        Assert.Contains("registered types: other, text", error.Message);
        Assert.Equal(new SourceLocation("p.yaml", 4, 11), error.Location);
    }

    [Fact]
    public void Input_naming_a_missing_stage_or_output_lists_what_exists()
    {
        var errors = Errors("""
            name: demo
            stages:
              a: { uses: text, params: { text: x } }
              b: { uses: text, inputs: { source: nope.out }, params: { text: y } }
              c: { uses: text, inputs: { source: a.outt }, params: { text: y } }
            """);
        Assert.Contains(errors, e => e.Message.Contains("no stage 'nope'") && e.Location.Line == 4);
        Assert.Contains(errors, e => e.Message.Contains("has no output 'outt'") && e.Message.Contains("its outputs: out, extra") && e.Location.Line == 5);
    }

    [Fact]
    public void Input_of_the_wrong_artifact_type_is_an_error()
    {
        var error = Assert.Single(Errors("""
            name: demo
            stages:
              a: { uses: text, params: { text: x } }
              b: { uses: text, inputs: { source: a.extra }, params: { text: y } }
            """));
        Assert.Contains("expects artifact type 'table'", error.Message);
        Assert.Contains("'a.extra' is of type 'images'", error.Message);
    }

    [Fact]
    public void Cycles_name_the_stages_in_the_cycle()
    {
        var errors = Errors("""
            name: demo
            stages:
              a: { uses: text, inputs: { source: c.out }, params: { text: x } }
              b: { uses: text, inputs: { source: a.out }, params: { text: y } }
              c: { uses: text, inputs: { source: b.out }, params: { text: z } }
              d: { uses: text, after: [d], params: { text: z } }
            """);
        Assert.Contains(errors, e => e.Message == "cycle between stages: a -> b -> c -> a");
        Assert.Contains(errors, e => e.Message == "cycle between stages: d -> d");
    }

    [Fact]
    public void Params_unknown_wrong_type_out_of_range_and_missing_are_all_reported()
    {
        var errors = Errors("""
            name: demo
            stages:
              a:
                uses: text
                params: { text: x, repeet: 2 }
              b:
                uses: text
                params: { text: y, repeat: many }
              c:
                uses: text
                params: { text: z, repeat: 0, lr: -1 }
              d:
                uses: text
            """);
        Assert.Contains(errors, e => e.Message.Contains("unknown param 'repeet'") && e.Message.Contains("did you mean 'repeat'") && e.Location.Line == 5);
        Assert.Contains(errors, e => e.Message.Contains("'b.repeat' expects an integer, got \"many\"") && e.Location.Line == 8);
        Assert.Contains(errors, e => e.Message.Contains("'c.repeat'") && e.Message.Contains("between 1 and 100") && e.Location.Line == 11);
        Assert.Contains(errors, e => e.Message.Contains("'c.lr'") && e.Location.Line == 11);
        Assert.Contains(errors, e => e.Message.Contains("'d.text'") && e.Message.Contains("required"));
        Assert.Equal(5, errors.Count);
    }

    [Fact]
    public void Environment_variables_are_expanded_and_typed()
    {
        var pipeline = new PipelineValidator(TestCatalog.Create()).LoadText("""
            name: demo
            stages:
              a: { uses: text, params: { text: "${GREETING}", repeat: "${REPEAT:-3}" } }
              b:
                uses: text
                params:
                  text: "${NOPE:-fallback}"
                  repeat: ${REPEAT:-2}
            """, "p.yaml", env: Env);
        Assert.Equal("hello", ((TextParams)pipeline.Stages["a"].Params.Instance).Text);
        Assert.Equal("fallback", ((TextParams)pipeline.Stages["b"].Params.Instance).Text);
        Assert.Equal(2, ((TextParams)pipeline.Stages["b"].Params.Instance).Repeat);
    }

    [Fact]
    public void Unset_environment_variable_without_default_is_an_error()
    {
        var error = Assert.Single(Errors("name: demo\nstages:\n  a: { uses: text, params: { text: \"${MISSING}\" } }\n"));
        Assert.Contains("MISSING is not set", error.Message);
    }

    [Fact]
    public void Set_overrides_are_typed_and_validated_like_yaml()
    {
        var pipeline = new PipelineValidator(TestCatalog.Create()).LoadText(Valid, "p.yaml",
            [ParamOverride.Parse("b.repeat=4", 1, out _)!, ParamOverride.Parse("b.subset.train=7", 2, out _)!], Env);
        var b = (TextParams)pipeline.Stages["b"].Params.Instance;
        Assert.Equal(4, b.Repeat);
        Assert.Equal(7, b.Subset.Train);

        var errors = Errors(Valid, "b.repeat=0", "zz.repeat=1");
        Assert.Contains(errors, e => e.Location.File.Contains("--set #1") && e.Message.Contains("between 1 and 100"));
        Assert.Contains(errors, e => e.Message.Contains("--set names stage 'zz'"));
    }

    [Fact]
    public void Missing_name_and_stages_are_reported()
    {
        var errors = Errors("seed: 1\n");
        Assert.Contains(errors, e => e.Message.Contains("'name'"));
        Assert.Contains(errors, e => e.Message.Contains("'stages'"));
    }
}
