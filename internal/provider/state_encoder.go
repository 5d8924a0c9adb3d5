package provider

import (
	"context"
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// setState writes a model into state like tfsdk.State.Set, but builds the tftypes value directly with a field
// plan cached per Go type. The framework's reflection costs about 400 µs and 180 KB per image (it re-parses
// struct tags for every value), which made a 20,000-image list take seconds and hundreds of megabytes; this
// takes a few microseconds per image. Models use the same `tfsdk` tags, embedded structs, attr.Value fields,
// Go strings, integers, floats, bools, slices (nil is null) and nested structs.
func setState(ctx context.Context, state *tfsdk.State, model any) (diags diag.Diagnostics) {
	defer func() {
		// tftypes.NewValue panics on a value that does not fit its type: a model that drifted from its schema.
		if r := recover(); r != nil {
			diags.AddError("Cannot Write State",
				fmt.Sprintf("The model does not fit the schema: %v. Please report this issue to the provider developers.", r))
		}
	}()
	raw, err := encodeValue(ctx, state.Schema.Type().TerraformType(ctx), reflect.ValueOf(model))
	if err != nil {
		diags.AddError("Cannot Write State",
			fmt.Sprintf("The model does not fit the schema: %s. Please report this issue to the provider developers.", err))
		return diags
	}
	state.Raw = raw
	return diags
}

var attrValueType = reflect.TypeFor[attr.Value]()

func encodeValue(ctx context.Context, typ tftypes.Type, v reflect.Value) (tftypes.Value, error) {
	if v.Type().Implements(attrValueType) {
		av, ok := v.Interface().(attr.Value)
		if !ok || av == nil {
			return tftypes.NewValue(typ, nil), nil
		}
		return av.ToTerraformValue(ctx)
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return tftypes.NewValue(typ, nil), nil
		}
		return encodeValue(ctx, typ, v.Elem())
	case reflect.String:
		return tftypes.NewValue(typ, v.String()), nil
	case reflect.Bool:
		return tftypes.NewValue(typ, v.Bool()), nil
	case reflect.Int, reflect.Int32, reflect.Int64:
		return tftypes.NewValue(typ, new(big.Float).SetInt64(v.Int())), nil
	case reflect.Float64:
		return tftypes.NewValue(typ, big.NewFloat(v.Float())), nil
	case reflect.Slice:
		return encodeList(ctx, typ, v)
	case reflect.Struct:
		return encodeObject(ctx, typ, v)
	}
	return tftypes.Value{}, fmt.Errorf("unsupported Go type %s", v.Type())
}

func encodeList(ctx context.Context, typ tftypes.Type, v reflect.Value) (tftypes.Value, error) {
	list, ok := typ.(tftypes.List)
	if !ok {
		return tftypes.Value{}, fmt.Errorf("a Go slice %s for Terraform type %s", v.Type(), typ)
	}
	if v.IsNil() {
		return tftypes.NewValue(typ, nil), nil
	}
	elems := make([]tftypes.Value, v.Len())
	for i := range elems {
		e, err := encodeValue(ctx, list.ElementType, v.Index(i))
		if err != nil {
			return tftypes.Value{}, err
		}
		elems[i] = e
	}
	return tftypes.NewValue(typ, elems), nil
}

func encodeObject(ctx context.Context, typ tftypes.Type, v reflect.Value) (tftypes.Value, error) {
	obj, ok := typ.(tftypes.Object)
	if !ok {
		return tftypes.Value{}, fmt.Errorf("a Go struct %s for Terraform type %s", v.Type(), typ)
	}
	fields := fieldPlan(v.Type())
	if len(fields) != len(obj.AttributeTypes) {
		return tftypes.Value{}, fmt.Errorf("the Go struct %s has %d tfsdk fields, its Terraform type %d attributes",
			v.Type(), len(fields), len(obj.AttributeTypes))
	}
	attrs := make(map[string]tftypes.Value, len(fields))
	for name, index := range fields {
		at, ok := obj.AttributeTypes[name]
		if !ok {
			return tftypes.Value{}, fmt.Errorf("the Go struct %s has field %q, which the schema lacks", v.Type(), name)
		}
		a, err := encodeValue(ctx, at, v.FieldByIndex(index))
		if err != nil {
			return tftypes.Value{}, fmt.Errorf("%s: %w", name, err)
		}
		attrs[name] = a
	}
	return tftypes.NewValue(typ, attrs), nil
}

var fieldPlans sync.Map // reflect.Type -> map[string][]int

// fieldPlan maps each tfsdk tag of a struct, embedded structs included, to its field index path.
func fieldPlan(t reflect.Type) map[string][]int {
	if cached, ok := fieldPlans.Load(t); ok {
		if plan, ok := cached.(map[string][]int); ok {
			return plan
		}
	}
	plan := map[string][]int{}
	for _, f := range reflect.VisibleFields(t) {
		if f.Anonymous {
			continue
		}
		if tag, _, _ := strings.Cut(f.Tag.Get("tfsdk"), ","); tag != "" && tag != "-" {
			plan[tag] = f.Index
		}
	}
	fieldPlans.Store(t, plan)
	return plan
}
