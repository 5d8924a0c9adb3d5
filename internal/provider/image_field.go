package provider

import (
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// imageField is one attribute of an image in state (an element of `images`, or `image` of the exactly-one form),
// computed from the client's image. Its schema, its Terraform type and its value come from the same entry, so they
// cannot drift apart.
type imageField[I any] interface {
	fieldName() string
	attribute() schema.Attribute
	terraformType() tftypes.Type
	value(img *I) tftypes.Value
}

// text is a string attribute.
func text[I any](name, description string, get func(*I) string) imageField[I] {
	return textField[I]{name, description, get}
}

// number is a whole-number attribute.
func number[I any](name, description string, get func(*I) int64) imageField[I] {
	return numberField[I]{name, description, get}
}

// decimal is a floating-point attribute.
func decimal[I any](name, description string, get func(*I) float64) imageField[I] {
	return decimalField[I]{name, description, get}
}

// texts is a list of strings; an image without any has [], never null.
func texts[I any](name, description string, get func(*I) []string) imageField[I] {
	return textsField[I]{name, description, get}
}

// objects is a list of nested objects, each described by fields; an image without any has [].
func objects[I, E any](name, description string, get func(*I) []E, fields ...imageField[E]) imageField[I] {
	return objectsField[I, E]{name: name, description: description, get: get, fields: fields}
}

type textField[I any] struct {
	name, description string
	get               func(*I) string
}

func (f textField[I]) fieldName() string           { return f.name }
func (f textField[I]) terraformType() tftypes.Type { return tftypes.String }
func (f textField[I]) value(img *I) tftypes.Value {
	return tftypes.NewValue(tftypes.String, f.get(img))
}
func (f textField[I]) attribute() schema.Attribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: f.description}
}

type numberField[I any] struct {
	name, description string
	get               func(*I) int64
}

func (f numberField[I]) fieldName() string           { return f.name }
func (f numberField[I]) terraformType() tftypes.Type { return tftypes.Number }
func (f numberField[I]) value(img *I) tftypes.Value {
	return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(f.get(img)))
}
func (f numberField[I]) attribute() schema.Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: f.description}
}

type decimalField[I any] struct {
	name, description string
	get               func(*I) float64
}

func (f decimalField[I]) fieldName() string           { return f.name }
func (f decimalField[I]) terraformType() tftypes.Type { return tftypes.Number }
func (f decimalField[I]) value(img *I) tftypes.Value {
	return tftypes.NewValue(tftypes.Number, big.NewFloat(f.get(img)))
}
func (f decimalField[I]) attribute() schema.Attribute {
	return schema.Float64Attribute{Computed: true, MarkdownDescription: f.description}
}

type textsField[I any] struct {
	name, description string
	get               func(*I) []string
}

func (f textsField[I]) fieldName() string           { return f.name }
func (f textsField[I]) terraformType() tftypes.Type { return tftypes.List{ElementType: tftypes.String} }
func (f textsField[I]) value(img *I) tftypes.Value  { return stringList(f.get(img)) }
func (f textsField[I]) attribute() schema.Attribute {
	return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: f.description}
}

type objectsField[I, E any] struct {
	name, description string
	get               func(*I) []E
	fields            []imageField[E]
}

func (f objectsField[I, E]) fieldName() string { return f.name }
func (f objectsField[I, E]) terraformType() tftypes.Type {
	return tftypes.List{ElementType: objectType(f.fields)}
}
func (f objectsField[I, E]) value(img *I) tftypes.Value {
	items := f.get(img)
	typ := objectType(f.fields)
	elems := make([]tftypes.Value, len(items))
	for i := range items {
		elems[i] = objectValue(typ, f.fields, &items[i])
	}
	return tftypes.NewValue(tftypes.List{ElementType: typ}, elems)
}
func (f objectsField[I, E]) attribute() schema.Attribute {
	return schema.ListNestedAttribute{Computed: true, MarkdownDescription: f.description,
		NestedObject: schema.NestedAttributeObject{Attributes: fieldAttributes(f.fields)}}
}

// fieldAttributes declares fields as the attributes of a nested object.
func fieldAttributes[I any](fields []imageField[I]) map[string]schema.Attribute {
	attributes := make(map[string]schema.Attribute, len(fields))
	for _, f := range fields {
		attributes[f.fieldName()] = f.attribute()
	}
	return attributes
}

func objectType[I any](fields []imageField[I]) tftypes.Object {
	types := make(map[string]tftypes.Type, len(fields))
	for _, f := range fields {
		types[f.fieldName()] = f.terraformType()
	}
	return tftypes.Object{AttributeTypes: types}
}

// objectValue is img as an object of typ, which must be objectType(fields).
func objectValue[I any](typ tftypes.Object, fields []imageField[I], img *I) tftypes.Value {
	values := make(map[string]tftypes.Value, len(fields))
	for _, f := range fields {
		values[f.fieldName()] = f.value(img)
	}
	return tftypes.NewValue(typ, values)
}
