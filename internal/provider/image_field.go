package provider

import (
	"maps"
	"math/big"
	"slices"

	msgpack "github.com/vmihailenco/msgpack/v5"

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
	// writeMsgpack writes value(img) as tftypes' msgpack encoding does, without building it.
	writeMsgpack(enc *msgpack.Encoder, img *I) error
}

// text is a string attribute.
func text[I any](name, description string, get func(*I) string) imageField[I] {
	return scalarField[I, string]{name, schema.StringAttribute{Computed: true, MarkdownDescription: description},
		tftypes.String, get, func(s string) any { return s }, (*msgpack.Encoder).EncodeString}
}

// number is a whole-number attribute.
func number[I any](name, description string, get func(*I) int64) imageField[I] {
	return scalarField[I, int64]{name, schema.Int64Attribute{Computed: true, MarkdownDescription: description},
		tftypes.Number, get, func(n int64) any { return new(big.Float).SetInt64(n) }, (*msgpack.Encoder).EncodeInt}
}

// decimal is a floating-point attribute.
func decimal[I any](name, description string, get func(*I) float64) imageField[I] {
	return scalarField[I, float64]{name, schema.Float64Attribute{Computed: true, MarkdownDescription: description},
		tftypes.Number, get, func(f float64) any { return big.NewFloat(f) },
		func(enc *msgpack.Encoder, f float64) error { return writeNumber(enc, big.NewFloat(f)) }}
}

// texts is a list of strings; an image without any has [], never null.
func texts[I any](name, description string, get func(*I) []string) imageField[I] {
	return textsField[I]{name, description, get}
}

// textMap is a map of strings, such as tags; an image without any has {}, never null.
func textMap[I any](name, description string, get func(*I) map[string]string) imageField[I] {
	return textMapField[I]{name, description, get}
}

// objects is a list of nested objects, each described by fields; an image without any has [].
func objects[I, E any](name, description string, get func(*I) []E, fields ...imageField[E]) imageField[I] {
	return objectsField[I, E]{name: name, description: description, get: get, fields: fields, sorted: sortedFields(fields),
		typ: objectType(fields)}
}

// scalarField is a string or number attribute, in state (wire) and on the wire to Terraform (write).
type scalarField[I, T any] struct {
	name  string
	attr  schema.Attribute
	typ   tftypes.Type
	get   func(*I) T
	wire  func(T) any // the Go value tftypes.NewValue takes
	write func(*msgpack.Encoder, T) error
}

func (f scalarField[I, T]) fieldName() string           { return f.name }
func (f scalarField[I, T]) attribute() schema.Attribute { return f.attr }
func (f scalarField[I, T]) terraformType() tftypes.Type { return f.typ }
func (f scalarField[I, T]) value(img *I) tftypes.Value {
	return tftypes.NewValue(f.typ, f.wire(f.get(img)))
}
func (f scalarField[I, T]) writeMsgpack(enc *msgpack.Encoder, img *I) error {
	return f.write(enc, f.get(img))
}

type textsField[I any] struct {
	name, description string
	get               func(*I) []string
}

func (f textsField[I]) fieldName() string           { return f.name }
func (f textsField[I]) terraformType() tftypes.Type { return tftypes.List{ElementType: tftypes.String} }
func (f textsField[I]) value(img *I) tftypes.Value  { return stringList(f.get(img)) }
func (f textsField[I]) writeMsgpack(enc *msgpack.Encoder, img *I) error {
	return writeStrings(enc, f.get(img))
}
func (f textsField[I]) attribute() schema.Attribute {
	return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: f.description}
}

type textMapField[I any] struct {
	name, description string
	get               func(*I) map[string]string
}

func (f textMapField[I]) fieldName() string { return f.name }
func (f textMapField[I]) terraformType() tftypes.Type {
	return tftypes.Map{ElementType: tftypes.String}
}
func (f textMapField[I]) value(img *I) tftypes.Value {
	pairs := f.get(img)
	elems := make(map[string]tftypes.Value, len(pairs))
	for k, v := range pairs {
		elems[k] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, elems)
}

// writeMsgpack writes the keys in sorted order, as Terraform's own encoding (cty) does. tftypes writes them in Go's
// map order, which differs from one encoding to the next: the two agree on the value, not on the bytes.
func (f textMapField[I]) writeMsgpack(enc *msgpack.Encoder, img *I) error {
	pairs := f.get(img)
	if err := enc.EncodeMapLen(len(pairs)); err != nil {
		return err
	}
	for _, k := range slices.Sorted(maps.Keys(pairs)) {
		if err := enc.EncodeString(k); err != nil {
			return err
		}
		if err := enc.EncodeString(pairs[k]); err != nil {
			return err
		}
	}
	return nil
}
func (f textMapField[I]) attribute() schema.Attribute {
	return schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: f.description}
}

type objectsField[I, E any] struct {
	name, description string
	get               func(*I) []E
	fields            []imageField[E]
	sorted            []imageField[E] // fields in the order of the wire encoding
	typ               tftypes.Object  // objectType(fields)
}

func (f objectsField[I, E]) fieldName() string           { return f.name }
func (f objectsField[I, E]) terraformType() tftypes.Type { return tftypes.List{ElementType: f.typ} }
func (f objectsField[I, E]) value(img *I) tftypes.Value {
	items := f.get(img)
	elems := make([]tftypes.Value, len(items))
	for i := range items {
		elems[i] = objectValue(f.typ, f.fields, &items[i])
	}
	return tftypes.NewValue(tftypes.List{ElementType: f.typ}, elems)
}
func (f objectsField[I, E]) writeMsgpack(enc *msgpack.Encoder, img *I) error {
	items := f.get(img)
	if err := enc.EncodeArrayLen(len(items)); err != nil {
		return err
	}
	for i := range items {
		if err := writeObject(enc, f.sorted, &items[i]); err != nil {
			return err
		}
	}
	return nil
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
